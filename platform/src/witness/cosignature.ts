// What a witness signs (docs/witness.md): one tree head of one log, as a short text whose every
// line is named, so a verifier in any language can rebuild it byte for byte. The witness signs it
// with its own Ed25519 key (RFC 8032) only after checking that the tree extends every tree of that
// log it signed before (RFC 6962 §2.1.2 consistency), so two different histories of one log can
// never both carry its cosignature.
import { sign, verify, type KeyObject } from 'node:crypto';
import { keyIdOf, publicKeyFromRaw } from '@edgenet/proto';

export const COSIGNATURE_FORMAT = 'edgenet-witness-cosignature-v1';

/** Log names: the platform's logs are `reports` and `audit` (docs/witness.md "Logs"). */
export const LOG_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export interface TreeHead {
  log: string;
  /** Number of leaves. */
  size: number;
  /** RFC 6962 root over the leaves, lowercase hex. */
  root: string;
}

export interface Cosignature extends TreeHead {
  /** When the witness signed, ISO 8601 UTC. */
  timestamp: string;
  /** The witness key's id (proto keyIdOf of its raw public key). */
  keyId: string;
  /** Ed25519 over cosignedText(...), base64url. */
  signature: string;
}

export interface WitnessKey {
  keyId: string;
  /** Raw Ed25519 public key, base64url. */
  publicKey: string;
}

/** The exact bytes signed: five LF-terminated lines, UTF-8. */
export function cosignedText(head: TreeHead & { timestamp: string }): string {
  return `${COSIGNATURE_FORMAT}\nlog ${head.log}\nsize ${head.size}\nroot ${head.root}\ntime ${head.timestamp}\n`;
}

export function cosign(head: TreeHead, privateKey: KeyObject, keyId: string, now: Date): Cosignature {
  const timestamp = now.toISOString();
  const signature = sign(null, Buffer.from(cosignedText({ ...head, timestamp }), 'utf8'), privateKey).toString('base64url');
  return { log: head.log, size: head.size, root: head.root, timestamp, keyId, signature };
}

/** Null when `c` is a valid cosignature by `key`, else why not. */
export function cosignatureProblem(c: Cosignature, key: WitnessKey): string | null {
  if (c.keyId !== key.keyId || keyIdOf(key.publicKey) !== key.keyId) return `signed by witness key ${c.keyId}, not ${key.keyId}`;
  const good = verify(null, Buffer.from(cosignedText(c), 'utf8'), publicKeyFromRaw(key.publicKey), Buffer.from(c.signature, 'base64url'));
  return good ? null : 'the witness signature does not verify';
}
