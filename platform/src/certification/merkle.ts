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

/**
 * Consistency proof between the tree of the first `m` leaves and the tree of all of them (RFC 6962
 * §2.1.2, PROOF(m, D[n]) by SUBPROOF), hex hashes. Empty when m equals n or m is 0.
 */
export function consistencyProof(leaves: readonly string[], m: number): string[] {
  const n = leaves.length;
  if (m < 0 || m > n) throw new RangeError(`consistency proof from ${m} leaves of ${n}`);
  if (m === 0 || m === n) return [];
  const subproof = (hashes: readonly Buffer[], k: number, complete: boolean): Buffer[] => {
    if (k === hashes.length) return complete ? [] : [root(hashes)];
    const s = split(hashes.length);
    return k <= s
      ? [...subproof(hashes.slice(0, s), k, complete), root(hashes.slice(s))]
      : [...subproof(hashes.slice(s), k - s, false), root(hashes.slice(0, s))];
  };
  return subproof(leaves.map(leafHash), m, true).map((h) => h.toString('hex'));
}

/**
 * Whether `proof` shows that the tree of `newSize` leaves with root `newRoot` extends the tree of
 * `oldSize` leaves with root `oldRoot`: every leaf of the old tree is in the new one, in place
 * (RFC 9162 §2.1.4.2, the verification of a consistency proof).
 */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: string, newRoot: string, proof: readonly string[]): boolean {
  if (!(Number.isSafeInteger(oldSize) && Number.isSafeInteger(newSize)) || oldSize < 0 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot === newRoot;
  if (oldSize === 0) return proof.length === 0; // the empty tree is a prefix of every tree
  const path: Buffer[] = proof.map((hex) => Buffer.from(hex, 'hex'));
  // Step 1: if the old size is a power of two, the old root is itself the first node of the path.
  if ((oldSize & (oldSize - 1)) === 0) path.unshift(Buffer.from(oldRoot, 'hex'));
  if (path.length === 0) return false;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // Step 2: right-shift both until the lowest bit of fn is clear.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = path[0]!;
  let sr: Buffer = path[0]!;
  // Step 3: walk the rest of the path, rebuilding both roots.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = sha256(NODE, c, fr);
      sr = sha256(NODE, c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = sha256(NODE, sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.toString('hex') === oldRoot && sr.toString('hex') === newRoot;
}
