// The one check of a device's CONNECT credentials, for the embedded broker (broker/authenticate.ts)
// and an external one asking over HTTP (broker-auth/hooks.ts). A refusal carries the MQTT 3.1.1
// CONNACK return code that says why [MQTT-3.2.2-3]: 2 identifier rejected, 4 bad user name or password,
// 5 not authorised (a disabled or decommissioned device).
import { secretMatches } from '../auth/secrets.js';
import type { DeviceRegistry } from '../ingest/device-registry.js';

// A device id is a UUID (36 characters); 64 leaves room and matches aedes's maxClientsIdLength,
// which aedes applies to MQTT 3.1 only. MQTT 3.1.1 lets a server refuse longer ids with return
// code 2 [MQTT-3.1.3-5] [MQTT-3.1.3-9]; here it is refused for every protocol version and broker,
// before the id is used as a key or written to a log.
export const MAX_CLIENT_ID_LENGTH = 64;

export type CredentialCheck = { ok: true } | { ok: false; returnCode: 2 | 4 | 5; why: string };

/** Whether these are a device's enrollment credentials; rejects with the database's error when the lookup fails. */
export async function checkDeviceCredentials(
  registry: Pick<DeviceRegistry, 'get'>,
  clientId: string,
  username: string | undefined,
  password: string | Buffer | undefined,
): Promise<CredentialCheck> {
  if (clientId.length > MAX_CLIENT_ID_LENGTH) return { ok: false, returnCode: 2, why: `client id longer than ${MAX_CLIENT_ID_LENGTH} characters` };
  if (!username || !password) return { ok: false, returnCode: 4, why: 'username and password are required' };
  // The client id is the device id, so one device cannot take over another's session.
  if (clientId !== username) return { ok: false, returnCode: 2, why: 'client id must equal the device id' };
  const device = await registry.get(username);
  if (!device || !secretMatches(password, device.passwordHash)) return { ok: false, returnCode: 4, why: 'bad device id or password' };
  // 5 not authorised [MQTT-3.2.2-3]: the credentials are right, but an operator disabled or
  // decommissioned the device (services/device-lifecycle.ts); only after the password matched, so
  // a stranger learns nothing of a device's status.
  if (device.status !== 'active') return { ok: false, returnCode: 5, why: `device is ${device.status}` };
  return { ok: true };
}
