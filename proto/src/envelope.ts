import { sign, verify, type KeyObject } from 'node:crypto';
import { edge } from './wire.js';

/** Wraps an encoded message in an Envelope signed with the device's Ed25519 key (RFC 8032). */
export function sealEnvelope(body: Uint8Array, privateKey: KeyObject): Uint8Array {
  // Ed25519 takes no separate digest: the algorithm argument must be null.
  const signature = sign(null, body, privateKey);
  return edge.v1.Envelope.encode({ body, signature }).finish();
}

/** Checks an Envelope's signature; true only when it was made by this public key over this body. */
export function openEnvelope(envelope: edge.v1.Envelope, publicKey: KeyObject): boolean {
  if (envelope.signature.length !== 64) return false;
  return verify(null, envelope.body, publicKey, envelope.signature);
}
