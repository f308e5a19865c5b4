// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum zlib, PNG and gzip use, so a
// record can be checked with any standard tool. node:zlib gained crc32() only in Node 22; the agent
// supports Node 20, and a 1 KiB table is all it takes (Sarwate's table-driven method).

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `data`; pass the previous result as `seed` to continue over several buffers. */
export function crc32(data: Uint8Array, seed = 0): number {
  let c = (seed ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
