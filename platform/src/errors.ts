// Every coded error of the platform in one typed registry (HOUSE_STYLE: one errors module, after
// fastify's lib/errors.js; agent/src/errors.ts is its twin). HTTP errors carry their status code, the
// others (start-up, configuration) none. Codes are part of the operator and client interface: each
// means one thing, docs/errors.md lists each one (a test checks both directions), and a retired code
// is never reused.
import { fillTemplate, type TextParams } from './domain/template.js';

export const PLATFORM_ERROR_CODES = {
  EDGENET_ERR_NOT_FOUND: { status: 404, meaning: 'the record does not exist, or belongs to an enterprise the caller may not see' },
  EDGENET_ERR_UNAUTHENTICATED: { status: 401, meaning: 'no bearer token or session cookie, or an unknown, expired or revoked one' },
  EDGENET_ERR_SIGN_IN: { status: 401, meaning: 'the username or the password is wrong (which one is not said)' },
  EDGENET_ERR_ACCOUNT_LOCKED: { status: 429, meaning: 'too many failed sign-ins: the account is locked for a while (Retry-After)' },
  EDGENET_ERR_PASSWORD_RULES: { status: 400, meaning: 'a new password is too short or too long, contains the username, or is a common one' },
  EDGENET_ERR_ACCOUNT_SCOPE: {
    status: 400,
    meaning: 'an account names an enterprise for a role that has none, none for the enterprise role, or admin for a role other than operator',
  },
  EDGENET_ERR_SECOND_FACTOR: { status: 401, meaning: 'the password was right and the account asks a one-time code: send it as code' },
  EDGENET_ERR_TOTP_CODE: { status: 400, meaning: 'setting up a second factor: the code does not match the new secret, or none is being set up' },
  EDGENET_ERR_CURRENT_PASSWORD: { status: 400, meaning: 'changing one’s own password: the current password given is wrong' },
  EDGENET_ERR_CSRF: { status: 403, meaning: 'a state-changing request made with the session cookie lacks the x-csrf-token header or carries a wrong one' },
  EDGENET_ERR_FORBIDDEN: { status: 403, meaning: "the caller's role may not do this, or not for this enterprise" },
  EDGENET_ERR_ALARM_ASSIGNEE: {
    status: 400,
    meaning: 'an alarm is assigned to an unknown account, or to one that may not see it (the bureau, another enterprise)',
  },
  EDGENET_ERR_CONFLICT: { status: 409, meaning: "a unique record already exists (USCC, workstation code, known hardware, a run's bureau sample value)" },
  EDGENET_ERR_ARCHIVED: { status: 409, meaning: 'the record is archived: it cannot be edited, approved, or given new devices, projects or workstations' },
  EDGENET_ERR_APPROVAL_STALE: {
    status: 409,
    meaning: 'the figures sent for approval are not the ones declared now (they changed since the approver read them)',
  },
  EDGENET_ERR_USCC_INVALID: { status: 400, meaning: 'the unified social credit code fails its check character or character set (GB 32100-2015)' },
  EDGENET_ERR_INVESTMENT_INVALID: { status: 400, meaning: 'the eligible investment exceeds the total investment' },
  EDGENET_ERR_WINDOW_INVALID: { status: 400, meaning: 'a time window ends before it starts, or is longer than allowed' },
  EDGENET_ERR_TOKEN_SCOPE: { status: 400, meaning: 'an API token names an enterprise for a role that has none, or none for the enterprise role' },
  EDGENET_ERR_PUBLIC_KEY_INVALID: { status: 400, meaning: 'a device public key is not 32 bytes of base64url Ed25519' },
  EDGENET_ERR_BATCH_DUPLICATE: { status: 400, meaning: 'a bulk enrollment names the same hardware fingerprint or serial twice' },
  EDGENET_ERR_TPM_ATTESTATION: {
    status: 400,
    meaning:
      "a TPM's evidence is refused: EK certificate not from a configured root, a bad attestation key, a wrong secret or quote, a stale or used challenge",
  },
  EDGENET_ERR_TPM_NOT_CONFIGURED: { status: 501, meaning: 'TPM attestation is off: no manufacturer roots are configured (EDGENET_TPM_ROOTS_DIR)' },
  EDGENET_ERR_ENROLL_TOKEN: { status: 403, meaning: 'the enrollment token is unknown, expired, used up or revoked, or its project or enterprise is archived' },
  EDGENET_ERR_WORKSTATION_UNREGISTERED: {
    status: 400,
    meaning: 'an enrollment or a set_workstations command names a workstation code its enterprise has not registered',
  },
  EDGENET_ERR_COMMAND_STATE: { status: 409, meaning: 'a device command can no longer be changed: only a queued command is cancelled' },
  EDGENET_ERR_DEVICE_STATUS: {
    status: 409,
    meaning: "the device's status does not allow this action (e.g. enabling an active device, any action on a decommissioned one)",
  },
  EDGENET_ERR_DEVICE_MOVE: {
    status: 400,
    meaning: 'a device may move only to another project of its own enterprise, and replace only a device of its enterprise',
  },
  EDGENET_ERR_RATE_LIMITED: { status: 429, meaning: 'too many requests from this address or with this token' },
  EDGENET_ERR_BODY_TOO_DEEP: { status: 400, meaning: 'a JSON body nests deeper than the bound; refused before it is parsed' },
  EDGENET_ERR_DATABASE_UNAVAILABLE: { status: 503, meaning: "the database did not answer, so the caller's token cannot be checked" },
  EDGENET_ERR_CONFIG: { status: null, meaning: "the platform's settings are invalid" },
  EDGENET_ERR_STARTUP: { status: null, meaning: 'the platform cannot start (database, listening port, a worker)' },
  EDGENET_ERR_TLS: { status: null, meaning: 'the TLS files cannot be used or the generated ones cannot be written' },
} as const;

export type PlatformErrorCode = keyof typeof PLATFORM_ERROR_CODES;

/** Codes once used and since split or dropped: never to mean anything else. */
export const RETIRED_ERROR_CODES = Object.freeze({
  EDGENET_ERR_INVALID: 'split into EDGENET_ERR_USCC_INVALID, _INVESTMENT_INVALID, _WINDOW_INVALID, _TOKEN_SCOPE, _PUBLIC_KEY_INVALID and _BATCH_DUPLICATE',
});

// An error's answer carries its code and the values in its message as `params`, so that a client
// renders it in its user's language (the dashboard: web/src/i18n) and the English `message` stays for
// logs and scripts. A message that differs by case names its case in `params.reason`, one of these;
// `params.what` names a record kind, one of NOUNS. platform/test/server-texts.test.ts checks that the
// dashboard has a text for every code, reason and noun, with the same placeholders.
export const ERROR_REASONS = {
  hardware_ids_enrolled: '{count} hardware identifier(s) already enrolled ({kinds}): re-enroll those devices one by one with /enroll',
  fingerprints_enrolled: '{count} fingerprint(s) already enrolled (re-enroll those one by one with /enroll): {fingerprints}',
  workstation_exists: 'workstation {code} is already registered for this enterprise',
  account_exists: 'an account named {username} already exists',
  uscc_exists: 'an enterprise with uscc {uscc} already exists',
  alarm_acknowledged: 'the alarm is already acknowledged',
  flag_resolved: 'the flag is already resolved',
  flag_not_movable: 'only a duplicate_hardware flag moves; this one is {kind}',
  flag_same_device: 'the flag is on that device already',
  flag_nothing_shared: 'the two devices claim no fingerprint or serial in common: the flag cannot move between them',
  enrollment_token_revoked: 'the enrollment token is already revoked',
  sample_value_submitted: 'the bureau value for this run was submitted already; its sample stands',
  assignee_hidden: 'the account may not see this alarm',
  assignee_unknown: 'no such account',
  account_enterprise: 'enterpriseId is required for the enterprise role and not allowed for others',
  account_admin_role: 'only an operator account can be an admin',
  account_not_admin: '{username} is not an admin account; reset it from the dashboard instead',
  not_a_person: 'this belongs to a person: the caller is not an account, nor a token made for one',
  totp_mismatch: 'the code does not match the new secret',
  totp_not_pending: 'no second factor is being set up',
  password_too_short: 'must be at least {min} characters',
  password_too_long: 'must be at most {max} characters',
  password_has_username: 'must not contain the username',
  password_common: 'is a commonly used password',
  password_few_characters: 'must use more than three different characters',
  token_unknown: 'unknown token',
  token_not_live: 'unknown, expired, used up or revoked',
  token_revoked: 'revoked at {at}',
  token_expired: 'expired at {at}',
  token_enterprise_archived: 'its enterprise is archived',
  token_project_archived: 'its project is archived',
  token_used_up: 'already used {uses} of {maxUses} times (from {ip})',
  token_used_up_asked: 'already used {uses} of {maxUses} times (from {ip}); {asked} more asked',
  status_forbids: 'device is {status}: it cannot be {change}',
  reenroll_decommissioned: 'this hardware is device {deviceId}, which is decommissioned: it cannot enroll again',
  replacement_status: 'the replacement is {status}: only an active device can take over',
  move_other_enterprise: 'a device moves only to a project of its own enterprise',
  move_same_project: 'the device is already in this project',
  replace_itself: 'a device cannot replace itself',
  replace_other_enterprise: 'the replacement must be enrolled in the same enterprise',
  batch_fingerprint: 'body/devices holds the same fingerprint twice',
  batch_serial: 'body/devices holds the same hardware serial twice',
  uscc_length: 'must be 18 characters, got {length}',
  uscc_character: 'character {position} ({character}) is not allowed by GB 32100-2015',
  uscc_check: 'check character is {got}, expected {expected}',
  window_order: 'windowEnd must not be before windowStart',
  window_query_order: 'querystring/to must not be before querystring/from',
  window_too_long: 'body/windowEnd must be 0 to {maxDays} days after body/windowStart',
  token_for_account: "a token made for an account must have the account's role and enterprise",
  token_enterprise: 'body/enterpriseId is required for the enterprise role and not allowed for others',
} as const;
export type ErrorReason = keyof typeof ERROR_REASONS;

/** The kinds of record an error names (`params.what`), as the English message says them. */
export const NOUNS = {
  account: 'account',
  alarm: 'alarm',
  api_token: 'api token',
  certification_run: 'certification run',
  command: 'command',
  device: 'device',
  device_in_run: 'device in this run',
  enrollment_token: 'enrollment token',
  enterprise: 'enterprise',
  flag: 'flag',
  notification_channel: 'notification channel',
  project: 'project',
  workstation: 'workstation',
  address: 'address',
  token: 'token',
} as const;
export type Noun = keyof typeof NOUNS;

/** The `{name}` placeholders of a message template, as a type. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type ErrorParams = TextParams;
type ParamsOf<T extends string> = { [K in Placeholders<T>]: K extends 'reason' ? ErrorReason : K extends 'what' ? Noun : string | number } & ErrorParams;
type Args<T extends string> = [Placeholders<T>] extends [never]
  ? [params?: ErrorParams, options?: { cause?: unknown }]
  : [params: ParamsOf<T>, options?: { cause?: unknown }];

/** The English message: `reason` and `what` stand for their registered text. */
export function fillMessage(template: string, params: ErrorParams): string {
  return fillTemplate(template, params, (name, value) => {
    if (name === 'reason' && typeof value === 'string' && value in ERROR_REASONS) return fillMessage(ERROR_REASONS[value as ErrorReason], params);
    if (name === 'what' && typeof value === 'string' && value in NOUNS) return NOUNS[value as Noun];
    return undefined;
  });
}

type HttpCode = { [K in PlatformErrorCode]: (typeof PLATFORM_ERROR_CODES)[K]['status'] extends number ? K : never }[PlatformErrorCode];

/** An HTTP error of the registry: fastify answers with its statusCode, code and message (and params, server.ts). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly statusCode: number;

  constructor(
    readonly code: HttpCode,
    message: string,
    readonly params: ErrorParams,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = PLATFORM_ERROR_CODES[code].status;
  }
}

/** Each HTTP error's English message template, by code (the dashboard's translations take the same params). */
export const ERROR_MESSAGES: Partial<Record<PlatformErrorCode, string>> = {};

function httpError<T extends string>(code: HttpCode, template: T) {
  ERROR_MESSAGES[code] = template;
  return class extends HttpError {
    constructor(...[params = {}, options]: Args<T>) {
      super(code, fillMessage(template, params), params, options);
    }
  };
}

export const ERR_NOT_FOUND = httpError('EDGENET_ERR_NOT_FOUND', '{what} not found');
export const ERR_UNAUTHENTICATED = httpError(
  'EDGENET_ERR_UNAUTHENTICATED',
  'a valid bearer token (Authorization: Bearer <token>) or session cookie is required',
);
// One message for an unknown name and a wrong password: the answer must not tell which names exist.
export const ERR_SIGN_IN = httpError('EDGENET_ERR_SIGN_IN', 'wrong username or password');
export const ERR_ACCOUNT_LOCKED = httpError('EDGENET_ERR_ACCOUNT_LOCKED', 'too many failed sign-ins; try again in {seconds} s');
// The first problem only: the person fixes it and is told the next (config.ts lists them all).
export const ERR_PASSWORD_RULES = httpError('EDGENET_ERR_PASSWORD_RULES', 'the password {reason}');
export const ERR_ACCOUNT_SCOPE = httpError('EDGENET_ERR_ACCOUNT_SCOPE', '{reason}');
export const ERR_SECOND_FACTOR = httpError('EDGENET_ERR_SECOND_FACTOR', 'a one-time code from the authenticator app is required');
export const ERR_TOTP_CODE = httpError('EDGENET_ERR_TOTP_CODE', '{reason}');
export const ERR_CURRENT_PASSWORD = httpError('EDGENET_ERR_CURRENT_PASSWORD', 'the current password is wrong');
export const ERR_CSRF = httpError('EDGENET_ERR_CSRF', 'a request made with the session cookie must carry its x-csrf-token header');
export const ERR_FORBIDDEN = httpError('EDGENET_ERR_FORBIDDEN', 'the {role} role may not {action}');
export const ERR_ALARM_ASSIGNEE = httpError('EDGENET_ERR_ALARM_ASSIGNEE', '{reason}');
export const ERR_CONFLICT = httpError('EDGENET_ERR_CONFLICT', '{reason}');
export const ERR_ARCHIVED = httpError('EDGENET_ERR_ARCHIVED', 'the {what} is archived');
export const ERR_APPROVAL_STALE = httpError(
  'EDGENET_ERR_APPROVAL_STALE',
  'the declared figures changed since they were read: read the project again and approve what it declares now',
);
export const ERR_USCC_INVALID = httpError('EDGENET_ERR_USCC_INVALID', '{field} {reason}');
export const ERR_INVESTMENT_INVALID = httpError('EDGENET_ERR_INVESTMENT_INVALID', 'eligibleInvestmentFen must not exceed totalInvestmentFen');
export const ERR_WINDOW_INVALID = httpError('EDGENET_ERR_WINDOW_INVALID', '{reason}');
export const ERR_TOKEN_SCOPE = httpError('EDGENET_ERR_TOKEN_SCOPE', '{reason}');
export const ERR_PUBLIC_KEY_INVALID = httpError('EDGENET_ERR_PUBLIC_KEY_INVALID', '{field} is not an Ed25519 public key');
export const ERR_BATCH_DUPLICATE = httpError('EDGENET_ERR_BATCH_DUPLICATE', '{reason}');
// `detail` is the TPM library's own words: this error answers an agent, not a person.
export const ERR_TPM_ATTESTATION = httpError('EDGENET_ERR_TPM_ATTESTATION', 'TPM attestation refused: {detail}');
export const ERR_TPM_NOT_CONFIGURED = httpError('EDGENET_ERR_TPM_NOT_CONFIGURED', 'TPM attestation is not configured on this platform; enroll as software');
export const ERR_ENROLL_TOKEN = httpError('EDGENET_ERR_ENROLL_TOKEN', 'enrollment token refused: {reason}');
export const ERR_WORKSTATION_UNREGISTERED = httpError(
  'EDGENET_ERR_WORKSTATION_UNREGISTERED',
  'workstation codes not registered by the enterprise: {codes} (register them first: POST /api/v1/workstations)',
);
export const ERR_COMMAND_STATE = httpError('EDGENET_ERR_COMMAND_STATE', 'the command is {state}; only a queued command can be cancelled');
export const ERR_DEVICE_STATUS = httpError('EDGENET_ERR_DEVICE_STATUS', '{reason}');
export const ERR_DEVICE_MOVE = httpError('EDGENET_ERR_DEVICE_MOVE', '{reason}');
export const ERR_RATE_LIMITED = httpError('EDGENET_ERR_RATE_LIMITED', 'too many requests from this {what}; retry in {seconds} s');
// Counted before parsing: storing a body nested thousands deep runs out of stack (a 500 otherwise).
export const ERR_BODY_TOO_DEEP = httpError('EDGENET_ERR_BODY_TOO_DEEP', 'the JSON body nests objects or arrays deeper than {depth} levels');
// 503, not 500: the platform is healthy but cannot check the caller's token (tokens and their
// revocation live only in the database), so it answers "retry later" (RFC 9110 §15.6.4).
export const ERR_DATABASE_UNAVAILABLE = httpError('EDGENET_ERR_DATABASE_UNAVAILABLE', 'the database is unreachable; retry later');

/** Errors outside HTTP (start-up, configuration, storage) keep a code and their cause. */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';

  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const ERROR_CODES = Object.keys(PLATFORM_ERROR_CODES) as PlatformErrorCode[];
