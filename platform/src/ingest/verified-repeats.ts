// The last workstation mapping each device sent whose signature verified, byte for byte: every
// reconnect repeats the same mapping, and an Ed25519 signature (RFC 8032 §5.1: deterministic) over
// the same body is the same 64 bytes, so the same envelope comes back each time. Verification is a
// pure function of (key, body, signature): an envelope identical to one that verified under the
// same key object verifies again, and its check is skipped (one Ed25519 verify, ~110 µs of the
// platform's CPU per reconnect, docs/capacity.md). Any other byte, or a new key (re-enrollment
// loads a new KnownDevice, a refresh a new KeyObject), is verified as before.
import type { KeyObject } from 'node:crypto';
import type { KnownDevice } from './device-registry.js';

interface Verified {
  key: KeyObject;
  payload: Buffer;
}

export class VerifiedRepeats {
  // Keyed by the registry's entry: dropped with it (forget, a status change, re-enrollment).
  readonly #last = new WeakMap<KnownDevice, Verified>();

  /** Whether exactly this payload verified with the device's current key before. */
  verifiedBefore(device: KnownDevice, payload: Uint8Array): boolean {
    const last = this.#last.get(device);
    return last !== undefined && last.key === device.publicKey && last.payload.equals(payload);
  }

  /** `payload` verified with the device's current key (copied: the broker may reuse its buffer). */
  remember(device: KnownDevice, payload: Uint8Array): void {
    this.#last.set(device, { key: device.publicKey, payload: Buffer.from(payload) });
  }
}
