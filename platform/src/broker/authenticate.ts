// CONNECT: a device connects with the credentials issued at enrollment; anything else is refused
// with the MQTT 3.1.1 return code that says why [MQTT-3.2.2-3]: 4 bad user name or password,
// 5 not authorised, 2 identifier rejected. The check itself is shared with the external broker's
// HTTP hook (broker-auth/device-credentials.ts).
import type { AuthenticateError, Client } from 'aedes';
import { checkDeviceCredentials, MAX_CLIENT_ID_LENGTH } from '../broker-auth/device-credentials.js';
import type { DeviceRegistry } from '../ingest/device-registry.js';
import type { RejectCounter } from '../ingest/reject-counter.js';
import { bounded } from '../net/bounded.js';

type Done = (error: AuthenticateError | null, success: boolean | null) => void;

function refuse(returnCode: 2 | 3 | 4 | 5, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export function makeAuthenticate(registry: DeviceRegistry, rejects: RejectCounter) {
  return function authenticate(client: Client, username: string | undefined, password: Buffer | undefined, done: Done): void {
    checkDeviceCredentials(registry, client.id, username, password).then(
      (check) => {
        if (check.ok) return done(null, true);
        rejects.reject('auth_failed', bounded(client.id || username || 'anonymous', MAX_CLIENT_ID_LENGTH), check.why);
        done(refuse(check.returnCode, check.why), false);
      },
      // 3 server unavailable: the lookup failed, the credentials may be good; the device retries.
      (err: unknown) => done(Object.assign(refuse(3, 'credential lookup failed'), { cause: err }), false),
    );
  };
}
