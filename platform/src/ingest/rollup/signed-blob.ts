// What a batch's heartbeats rows do not carry and its fold needs, packed as one bytea per batch
// (heartbeat_batches.signed): per row its device, seq, TPM seal verdict, signature and key id. One
// parameter of binary-safe bytes costs the platform one Buffer.concat and PostgreSQL one hex decode,
// where arrays of bytea and text would be escaped element by element on both sides.
//
// Layout per entry: 16 bytes device uuid, 8 bytes seq (big-endian), 1 byte flags (bit 0: sealed),
// 1 byte signature length, the signature, 1 byte key id length, the key id (UTF-8).

export interface SignedEntry {
  deviceId: string;
  seq: number;
  signature: Buffer;
  keyId: string;
  tpmSealed: boolean;
}

const SEALED = 1;
const MAX_FIELD = 255; // one length byte

export function encodeSigned(entries: readonly SignedEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const key = Buffer.from(e.keyId, 'utf8');
    if (e.signature.length > MAX_FIELD || key.length > MAX_FIELD) throw new RangeError('signature or key id longer than 255 bytes');
    const head = Buffer.allocUnsafe(26);
    Buffer.from(e.deviceId.replaceAll('-', ''), 'hex').copy(head, 0);
    head.writeBigUInt64BE(BigInt(e.seq), 16);
    head[24] = e.tpmSealed ? SEALED : 0;
    head[25] = e.signature.length;
    parts.push(head, e.signature, Buffer.of(key.length), key);
  }
  return Buffer.concat(parts);
}

export function decodeSigned(blob: Uint8Array): SignedEntry[] {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: SignedEntry[] = [];
  let at = 0;
  while (at < b.length) {
    const hex = b.toString('hex', at, at + 16);
    const deviceId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const seq = Number(b.readBigUInt64BE(at + 16));
    const tpmSealed = (b[at + 24]! & SEALED) !== 0;
    const sigLen = b[at + 25]!;
    const signature = Buffer.from(b.subarray(at + 26, at + 26 + sigLen));
    at += 26 + sigLen;
    const keyLen = b[at]!;
    const keyId = b.toString('utf8', at + 1, at + 1 + keyLen);
    at += 1 + keyLen;
    out.push({ deviceId, seq, signature, keyId, tpmSealed });
  }
  return out;
}
