// Merkle tree over evidence rows, as in RFC 6962 §2.1 (Certificate Transparency): leaf hash
// SHA-256(0x00 || leaf), node hash SHA-256(0x01 || left || right), split at the largest power of
// two below n. One device's evidence is proven against the signed root with log2(n) hashes.
import { createHash } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

export function leafHash(leaf: string): Buffer {
  return sha256(LEAF, Buffer.from(leaf, 'utf8'));
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function root(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 1) return hashes[0]!;
  const k = split(hashes.length);
  return sha256(NODE, root(hashes.slice(0, k)), root(hashes.slice(k)));
}

/** Root (hex) over the leaves in order; the empty tree is SHA-256 of nothing (RFC 6962). */
export function merkleRoot(leaves: readonly string[]): string {
  return leaves.length === 0 ? sha256().toString('hex') : root(leaves.map(leafHash)).toString('hex');
}

/** Audit path for leaf `index` (RFC 6962 §2.1.1), hex hashes from the leaf upwards. */
export function inclusionProof(leaves: readonly string[], index: number): string[] {
  const path = (hashes: readonly Buffer[], m: number): Buffer[] => {
    if (hashes.length <= 1) return [];
    const k = split(hashes.length);
    return m < k ? [...path(hashes.slice(0, k), m), root(hashes.slice(k))] : [...path(hashes.slice(k), m - k), root(hashes.slice(0, k))];
  };
  return path(leaves.map(leafHash), index).map((h) => h.toString('hex'));
}

/** Recomputes the root from one leaf and its audit path (RFC 9162 §2.1.3.2). */
export function verifyInclusion(leaf: string, index: number, size: number, proof: readonly string[], expectedRoot: string): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const hex of proof) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(NODE, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = sha256(NODE, r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.toString('hex') === expectedRoot;
}
