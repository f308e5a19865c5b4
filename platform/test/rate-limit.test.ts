// The publish rate limiter with an injected clock: what a device over its rate waits, never
// whether it is dropped (nothing is: broker/published.ts waits for the token).
import { describe, expect, it } from 'vitest';
import { PublishRateLimiter } from '../src/broker/rate-limit.js';

function limiter(ratePerS: number, burst: number) {
  const clock = { ms: 1_000_000 };
  return { clock, l: new PublishRateLimiter({ ratePerS, burst }, () => clock.ms) };
}

describe('PublishRateLimiter', () => {
  it('lets the burst through, then makes each next message wait one more token interval', () => {
    const { l } = limiter(2, 5);
    expect(Array.from({ length: 9 }, () => l.reserve('d'))).toEqual([0, 0, 0, 0, 0, 500, 1_000, 1_500, 2_000]);
  });

  it('refills at the rate up to the burst, and owes tokens already promised', () => {
    const { l, clock } = limiter(2, 5);
    for (let i = 0; i < 5; i++) l.reserve('d');
    clock.ms += 1_000; // two tokens back
    expect([l.reserve('d'), l.reserve('d'), l.reserve('d')]).toEqual([0, 0, 500]);
    clock.ms += 60_000; // a long pause refills the burst, not more
    expect(Array.from({ length: 6 }, () => l.reserve('d'))).toEqual([0, 0, 0, 0, 0, 500]);
  });

  it('keeps one bucket per client', () => {
    const { l } = limiter(1, 1);
    expect([l.reserve('a'), l.reserve('a'), l.reserve('b')]).toEqual([0, 1_000, 0]);
  });

  it('ends the waits of a client it forgets (a disconnect): they resolve false, the bucket starts full', async () => {
    const { l } = limiter(1, 1);
    expect(await l.wait('d')).toBe(true);
    const waiting = [l.wait('d'), l.wait('d')];
    expect(l.waiting('d')).toBe(2);
    expect(l.delayed).toBe(2);
    l.forget('d');
    expect(await Promise.all(waiting)).toEqual([false, false]);
    expect(l.waiting('d')).toBe(0);
    expect(l.reserve('d')).toBe(0);
  });

  it('resolves a wait true once its token is due', async () => {
    const { l } = limiter(50, 1); // 20 ms a token
    l.reserve('d');
    expect(await l.wait('d')).toBe(true);
    expect(l.waiting('d')).toBe(0);
  });
});
