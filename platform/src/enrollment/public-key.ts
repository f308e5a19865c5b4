import { publicKeyFromRaw } from '@edgenet/proto';
import { ERR_PUBLIC_KEY_INVALID } from '../errors.js';

/**
 * The schema admits 43 base64url characters; this checks they are an Ed25519 key (RFC 8032) the
 * platform can verify envelopes with, and names the field when they are not (400).
 */
export function assertPublicKey(raw: string, field: string): void {
  try {
    publicKeyFromRaw(raw);
  } catch {
    throw new ERR_PUBLIC_KEY_INVALID({ field });
  }
}
