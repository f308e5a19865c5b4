// Caps the size of every MQTT packet before it is buffered. aedes (through mqtt-packet) collects a
// whole packet in memory before any hook sees it, and MQTT 3.1.1 lets a packet declare up to
// 256 MiB of remaining length [MQTT-2.2.3]; so a client could make the broker hold 256 MiB per
// connection. The guard reads each fixed header as the bytes pass and closes the connection as
// soon as a packet announces more than `maxBytes`, before its body arrives.
import type { Duplex } from 'node:stream';

export function guardPacketSize(conn: Duplex, maxBytes: number, onOversize: (declared: number) => void): void {
  let skip = 0; // body bytes of the current packet still to pass
  let header: number[] = []; // fixed header bytes read so far: type byte, then remaining length
  const originalRead = conn.read.bind(conn);
  // aedes pulls with conn.read() on 'readable'; wrapping read sees every byte in order without
  // switching the stream to flowing mode.
  conn.read = (size?: number) => {
    const chunk = originalRead(size) as Buffer | null;
    if (chunk === null || conn.destroyed) return chunk;
    for (let i = 0; i < chunk.length; ) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        skip -= n;
        i += n;
        continue;
      }
      header.push(chunk[i]!);
      i += 1;
      if (header.length === 1) continue;
      const lengthBytes = header.slice(1);
      const last = lengthBytes[lengthBytes.length - 1]!;
      if (last & 0x80 && lengthBytes.length < 4) continue; // [MQTT-2.2.3]: up to 4 length bytes
      let remaining = 0;
      for (let k = lengthBytes.length - 1; k >= 0; k--) remaining = remaining * 128 + (lengthBytes[k]! & 0x7f);
      if (remaining > maxBytes || last & 0x80) {
        onOversize(remaining);
        conn.destroy();
        return null;
      }
      skip = remaining;
      header = [];
    }
    return chunk;
  };
}
