import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../src/ingest/latency-histogram.js';

describe('LatencyHistogram', () => {
  it('reports quantiles within one bucket (4%) above the true value, and the exact maximum', () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.record(ms);
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.p50Ms).toBeGreaterThanOrEqual(500);
    expect(s.p50Ms).toBeLessThanOrEqual(520);
    expect(s.p99Ms).toBeGreaterThanOrEqual(990);
    expect(s.p99Ms).toBeLessThanOrEqual(1000);
    expect(s.maxMs).toBe(1000);
  });

  it('counts negative (clock-skewed) values as zero and starts afresh after reset', () => {
    const h = new LatencyHistogram();
    h.record(-50);
    expect(h.summary()).toEqual({ count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 });
    h.reset();
    expect(h.summary()).toEqual({ count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });
});
