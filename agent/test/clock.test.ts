// The clock verdict: the 2024 floor and the platform-offset bound, and a real measurement against an
// HTTP server whose Date header is set on purpose.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ClockJudge, DEFAULT_MAX_SKEW_MS, measurePlatformClock, TRUSTED_CLOCK_FLOOR_MS } from '../src/clock.js';

async function serverWithDate(offsetMs: number): Promise<string> {
  const server = createServer((_req, res) => {
    res.sendDate = false;
    res.setHeader('date', new Date(Date.now() + offsetMs).toUTCString());
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('clock', () => {
  it('distrusts a clock before 2024 whatever the platform says', () => {
    const judge = new ClockJudge();
    expect(judge.untrusted(0)).toBe(true);
    expect(judge.untrusted(TRUSTED_CLOCK_FLOOR_MS)).toBe(false);
  });

  it('measures the platform clock from the Date header and distrusts a large offset', async () => {
    const judge = new ClockJudge();
    const near = await measurePlatformClock(await serverWithDate(0));
    if (!near.ok) throw new Error(near.reason);
    expect(Math.abs(near.measurement.offsetMs)).toBeLessThan(1_500); // one-second header resolution
    judge.observe(near.measurement);
    expect(judge.untrusted(Date.now())).toBe(false);

    const far = await measurePlatformClock(await serverWithDate(-3_600_000)); // device an hour ahead
    if (!far.ok) throw new Error(far.reason);
    judge.observe(far.measurement);
    expect(judge.distrust(Date.now())).toMatch(/\+36\d\d s \(ahead of the platform's\)/);
    expect(Math.abs(far.measurement.offsetMs + 3_600_000)).toBeLessThan(1_500);
    expect(DEFAULT_MAX_SKEW_MS).toBe(120_000);
  });

  it('distrusts the clock at the first heartbeat after a step, and trusts it again once stepped back', () => {
    let mono = 0; // the monotonic clock, moved by hand: a clock step does not move it
    const judge = new ClockJudge(DEFAULT_MAX_SKEW_MS, { monotonicMs: () => mono });
    const t0 = Date.UTC(2026, 11, 1, 8);
    judge.observe({ offsetMs: 200, rttMs: 20, at: t0 });
    mono += 10_000;
    expect(judge.track(t0 + 10_000)).toBe(0);
    expect(judge.distrust(t0 + 10_000)).toBeNull();
    // Someone sets the clock an hour ahead; the next heartbeat, a second later, sees it.
    mono += 1_000;
    expect(judge.track(t0 + 11_000 + 3_600_000)).toBe(3_600_000);
    expect(judge.offsetMs()).toBe(200 - 3_600_000);
    expect(judge.distrust(t0 + 11_000 + 3_600_000)).toMatch(/\+3600 s \(ahead of the platform's\)/);
    // Thirty seconds later it is set back: trusted again at once.
    mono += 30_000;
    expect(judge.track(t0 + 41_000)).toBe(-3_600_000);
    expect(judge.distrust(t0 + 41_000)).toBeNull();
    // Without a measurement a step is still a reason, until one is taken.
    const fresh = new ClockJudge(DEFAULT_MAX_SKEW_MS, { monotonicMs: () => mono });
    fresh.track(t0);
    mono += 1_000;
    fresh.track(t0 + 1_000 + 600_000);
    expect(fresh.distrust(t0 + 601_000)).toMatch(/stepped by 600 s/);
    fresh.observe({ offsetMs: -600_000 + 100, rttMs: 10, at: t0 + 601_000 });
    expect(fresh.distrust(t0 + 601_000)).toMatch(/\+600 s \(ahead of the platform's\)/);
  });

  it('says why it cannot measure', async () => {
    const r = await measurePlatformClock('http://127.0.0.1:1');
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/ECONNREFUSED/) });
  });
});
