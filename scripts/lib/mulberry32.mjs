// mulberry32 (Tommy Ettinger, public domain): a seeded PRNG with 32-bit state, identical on every
// JavaScript engine because it uses only 32-bit integer operations. Used where a script must
// produce the same bytes or the same fleet every time (model weights, the demo).
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
