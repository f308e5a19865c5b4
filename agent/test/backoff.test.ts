import { describe, expect, it } from 'vitest';
import { Backoff, DEFAULT_BACKOFF } from '../src/backoff.js';

describe('Backoff (full jitter)', () => {
  it('draws each delay from [0, min(cap, base * 2^attempt))', () => {
    const backoff = new Backoff({ baseMs: 1_000, capMs: 60_000, random: () => 0.999999 });
    const delays = Array.from({ length: 12 }, () => backoff.next());
    const ceilings = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000];
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceilings[i]!);
      expect(d).toBeGreaterThan(ceilings[i]! * 0.99);
    });
  });

  it('never exceeds the cap, even after very many attempts', () => {
    const backoff = new Backoff({ random: () => 1 }); // out-of-range random is clamped below 1
    for (let i = 0; i < 5_000; i++) expect(backoff.next()).toBeLessThan(DEFAULT_BACKOFF.capMs);
    expect(backoff.ceiling()).toBe(DEFAULT_BACKOFF.capMs);
  });

  it('can return 0 (full jitter spreads over the whole window)', () => {
    const backoff = new Backoff({ random: () => 0 });
    expect(backoff.next()).toBe(0);
    expect(backoff.next()).toBe(0);
  });

  it('stays within bounds with a real random source', () => {
    const backoff = new Backoff({ baseMs: 100, capMs: 3_000 });
    for (let i = 0; i < 1_000; i++) {
      const ceiling = backoff.ceiling();
      const d = backoff.next();
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceiling);
      expect(ceiling).toBeLessThanOrEqual(3_000);
    }
  });

  it('starts over from the base window after reset()', () => {
    const backoff = new Backoff({ baseMs: 1_000, capMs: 60_000, random: () => 0.5 });
    for (let i = 0; i < 8; i++) backoff.next();
    expect(backoff.attempt).toBe(8);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(500);
  });

  it('rejects nonsense bounds', () => {
    expect(() => new Backoff({ baseMs: 0 })).toThrow(RangeError);
    expect(() => new Backoff({ baseMs: 5_000, capMs: 1_000 })).toThrow(RangeError);
  });
});
