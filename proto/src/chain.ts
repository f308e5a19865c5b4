// The heartbeat hash chain (docs/evidence.md): each heartbeat's prev_hash is SHA-256 of the body of
// the heartbeat before it, so one signed anchor a day vouches for all of the day's heartbeats. The
// agent makes the links, the platform checks them on receipt, and a verifier checks them again from
// a report: all three use these functions.
import { createHash } from 'node:crypto';

/** The link the next heartbeat names: SHA-256 of this heartbeat's body (the Envelope body bytes). */
export function chainLink(body: Uint8Array): Buffer {
  return createHash('sha256').update(body).digest();
}

/**
 * Whether a heartbeat's prev_hash names the body before it: null when prev_hash is empty (the chain
 * restarts, which is allowed and recorded) or the previous body is unknown; else true or false.
 */
export function linksTo(prevHash: Uint8Array, previousBody: Uint8Array | null): boolean | null {
  if (prevHash.length === 0 || previousBody === null) return null;
  return chainLink(previousBody).equals(prevHash);
}
