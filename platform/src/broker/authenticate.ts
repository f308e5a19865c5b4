// CONNECT: a device connects with the credentials issued at enrollment; anything else is refused
// with the MQTT 3.1.1 return code that says why [MQTT-3.2.2-3]: 4 bad user name or password,
// 5 not authorised, 2 identifier rejected.
import type { AuthenticateError, Client } from 'aedes';
import { secretMatches } from '../auth/secrets.js';
import type { DeviceRegistry } from '../ingest/device-registry.js';
import type { RejectCounter } from '../ingest/reject-counter.js';
import { bounded } from '../net/bounded.js';

// A device id is a UUID (36 characters); 64 leaves room and matches aedes's maxClientsIdLength,
// which aedes applies to MQTT 3.1 only. MQTT 3.1.1 lets a server refuse longer ids with return
// code 2 [MQTT-3.1.3-5] [MQTT-3.1.3-9]; here it is refused for every protocol version, before the
// id is used as a key or written to a log.
export const MAX_CLIENT_ID_LENGTH = 64;

type Done = (error: AuthenticateError | null, success: boolean | null) => void;

function refuse(returnCode: 2 | 4 | 5, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export function makeAuthenticate(registry: DeviceRegistry, rejects: RejectCounter) {
  return function authenticate(client: Client, username: string | undefined, password: Buffer | undefined, done: Done): void {
    const fail = (code: 2 | 4 | 5, why: string): void => {
      rejects.reject('auth_failed', bounded(client.id || username || 'anonymous', MAX_CLIENT_ID_LENGTH), why);
      done(refuse(code, why), false);
    };
    if (client.id.length > MAX_CLIENT_ID_LENGTH) return fail(2, `client id longer than ${MAX_CLIENT_ID_LENGTH} characters`);
    if (!username || !password) return fail(4, 'username and password are required');
    if (client.id !== username) return fail(2, 'client id must equal the device id');
    deviceCredentialProblem(registry, client.id, username, password).then(
      (problem) => (problem ? fail(4, problem) : done(null, true)),
      (err: unknown) => done(Object.assign(refuse(5, 'credential lookup failed'), { returnCode: 3, cause: err }) as AuthenticateError, false),
    );
  };
}

/**
 * Why these CONNECT credentials are refused, or null when they are a device's enrollment
 * credentials. Shared by the embedded broker and the external broker's hook (routes/broker-hooks.ts).
 */
export async function deviceCredentialProblem(
  registry: DeviceRegistry, clientId: string, username: string | undefined, password: string | Buffer | undefined,
): Promise<string | null> {
  if (!username || !password) return 'username and password are required';
  // The client id is the device id, so one device cannot take over another's session.
  if (clientId !== username) return 'client id must equal the device id';
  const device = await registry.get(username);
  return device && secretMatches(password, device.passwordHash) ? null : 'bad device id or password';
}
