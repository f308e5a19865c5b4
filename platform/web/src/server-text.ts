// What the server says, in the user's language. The server sends codes and their values (an
// error's code and params, a flag's reasonCode and reasonParams, a connection's cause, inventory
// field names) and keeps English for logs; this words them from web/src/i18n/server-*.ts. A code
// this page does not know yet (a newer server) falls back to the server's English text.
import { ApiError } from './api.js';
import { locale, serverText, textFor } from './i18n.js';

type Params = Readonly<Record<string, string | number>>;

// Params that are themselves codes, and where their words are: a record kind, a role, a status, an
// inventory field (a flag's `field`; an error's `field` is a request path, which has none and stays).
const WORDS: Record<string, string> = {
  what: 'noun',
  field: 'inventory',
  change: 'deviceChange',
  role: 'role',
  status: 'lifecycle.status',
  state: 'command.state',
  kind: 'flag',
};

function word(params: Params): (name: string, value: string | number) => string | undefined {
  return (name, value) => {
    if (name === 'reason') return serverText(`errorReason.${value}`, params, word(params));
    if (name === 'rule') return serverText(`validation.${value}`, params);
    const prefix = WORDS[name];
    return prefix ? (serverText(`${prefix}.${value}`) ?? textFor(`${prefix}.${value}`)) : undefined;
  };
}

/** An error for the person: an API error by its code and params, anything else by its message. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const known = serverText(`error.${err.code}`, err.params, word(err.params));
  if (known !== undefined) return known;
  return locale() === 'en' ? err.message : (serverText('error.unknown', { status: err.status }) ?? err.message);
}

/** A flag's reason from its code; one raised before reasons had codes shows as it was stored. */
export function flagReasonText(flag: { reason: string; reasonCode?: string | null; reasonParams?: Params | null }): string {
  if (!flag.reasonCode) return flag.reason;
  return serverText(`flagReason.${flag.reasonCode}`, flag.reasonParams ?? {}, word(flag.reasonParams ?? {})) ?? flag.reason;
}

/** Why a device came online or went offline. */
export function causeText(cause: string): string {
  return serverText(`cause.${cause}`) ?? cause;
}

/** An inventory field's name (the proto's camelCase name when this page does not know it). */
export function inventoryLabel(field: string): string {
  return serverText(`inventory.${field}`) ?? field;
}
