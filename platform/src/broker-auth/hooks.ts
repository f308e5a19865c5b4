// The decisions an external broker asks the platform for (EMQX's HTTP authentication and
// authorisation backends, deploy/emqx/, docs/scale-out.md): the embedded broker's rules —
// device-credentials.ts and broker/topic-rules.ts — answered as values, with every refusal of a
// device counted as the embedded broker counts it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PlatformConfig } from '../config.js';
import type { DeviceRegistry } from '../ingest/device-registry.js';
import type { RejectCounter } from '../ingest/reject-counter.js';
import { bounded } from '../net/bounded.js';
import { mayPublish, maySubscribe, type BrokerActor } from '../broker/topic-rules.js';
import { checkDeviceCredentials, MAX_CLIENT_ID_LENGTH } from './device-credentials.js';

export type HookDecision = 'allow' | 'deny';
/** What EMQX's ${action} holds; 'all' (both at once) is allowed only when both are. */
export type HookAction = 'publish' | 'subscribe' | 'all';

export interface BrokerHookDeps {
  config: Pick<PlatformConfig, 'brokerUsername' | 'brokerPassword'>;
  registry: Pick<DeviceRegistry, 'get'>;
  rejects: Pick<RejectCounter, 'reject'>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export class BrokerHooks {
  readonly #deps: BrokerHookDeps;

  constructor(deps: BrokerHookDeps) {
    this.#deps = deps;
  }

  /** The platform's own consumer (broker/external.ts) logs in with the configured user name. */
  #actor(clientId: string, username: string | undefined): BrokerActor {
    const platform = username !== undefined && username === this.#deps.config.brokerUsername;
    return platform ? { role: 'platform' } : { role: 'device', deviceId: clientId };
  }

  /** May this client connect? Rejects only when the device lookup fails (the database is down). */
  async authenticate(clientId: string, username: string | undefined, password: string | undefined): Promise<HookDecision> {
    if (this.#actor(clientId, username).role === 'platform') {
      const expected = this.#deps.config.brokerPassword;
      // Compare digests: equal length, constant time, whatever the password holds.
      return expected !== undefined && password !== undefined && timingSafeEqual(sha256(password), sha256(expected)) ? 'allow' : 'deny';
    }
    const check = await checkDeviceCredentials(this.#deps.registry, clientId, username, password);
    if (check.ok) return 'allow';
    this.#deps.rejects.reject('auth_failed', bounded(clientId || username || 'anonymous', MAX_CLIENT_ID_LENGTH), check.why);
    return 'deny';
  }

  /** May this client publish or subscribe to this topic? */
  authorize(clientId: string, username: string | undefined, topic: string, action: HookAction): HookDecision {
    const actor = this.#actor(clientId, username);
    const decisions = [...(action === 'subscribe' ? [] : [mayPublish(actor, topic)]), ...(action === 'publish' ? [] : [maySubscribe(actor, topic)])];
    const refusal = decisions.find((d) => !d.allowed);
    if (!refusal) return 'allow';
    // The platform's consumer is not a device: its refusals are not device rejects.
    if (actor.role === 'device' && !refusal.allowed) this.#deps.rejects.reject(refusal.reason, clientId, refusal.why);
    return 'deny';
  }
}
