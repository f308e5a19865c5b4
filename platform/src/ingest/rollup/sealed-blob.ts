// What a batch's heartbeats rows do not carry and its fold needs: which of them had a TPM seal that
// verified at ingest (ingest.ts), counted in the day's device_days.tpm_seals. The signature and key id
// are on each row (db/schema/heartbeats.ts). Packed as one bytea per batch
// (heartbeat_batches.sealed): one parameter of binary-safe bytes, and none at all in the common
// batch with no sealed heartbeat, where arrays would be escaped element by element on both sides.
//
// Layout per sealed heartbeat: 16 bytes device uuid, 8 bytes seq (big-endian).

const ENTRY = 24;

export interface HeartbeatKey {
  deviceId: string;
  seq: number;
}

export function encodeSealed(keys: readonly HeartbeatKey[]): Buffer {
  const out = Buffer.allocUnsafe(keys.length * ENTRY);
  keys.forEach((k, i) => {
    out.write(k.deviceId.replaceAll('-', ''), i * ENTRY, 16, 'hex');
    out.writeBigUInt64BE(BigInt(k.seq), i * ENTRY + 16);
  });
  return out;
}

/** The sealed heartbeats of a blob, as `deviceId/seq` keys. */
export function decodeSealed(blob: Uint8Array): Set<string> {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (b.length % ENTRY !== 0) throw new RangeError(`a sealed list is a multiple of ${ENTRY} bytes, not ${b.length}`);
  const out = new Set<string>();
  for (let at = 0; at < b.length; at += ENTRY) {
    const hex = b.toString('hex', at, at + 16);
    const deviceId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    out.add(`${deviceId}/${Number(b.readBigUInt64BE(at + 16))}`);
  }
  return out;
}
