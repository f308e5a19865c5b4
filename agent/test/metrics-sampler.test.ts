import { describe, expect, it } from 'vitest';
import { MetricsSampler, ZERO_METRICS, type MetricsSystemInfo } from '../src/metrics-sampler.js';

interface Calls {
  graphics: number;
  currentLoad: number;
}

function fakeMetrics(overrides: Partial<Record<keyof MetricsSystemInfo, () => Promise<unknown>>> = {}): { sys: MetricsSystemInfo; calls: Calls } {
  const calls: Calls = { graphics: 0, currentLoad: 0 };
  const sys = {
    currentLoad: async () => {
      calls.currentLoad++;
      return { currentLoad: 12.5 };
    },
    mem: async () => ({ total: 8e9, active: 2e9 }),
    fsSize: async () => [
      { fs: '/dev/nvme0n1p2', type: 'ext4', size: 500e9, used: 100e9, mount: '/' },
      { fs: '/dev/nvme0n1p2', type: 'ext4', size: 500e9, used: 100e9, mount: '/var/lib/docker' }, // bind mount
      { fs: '/dev/sda1', type: 'xfs', size: 1e12, used: 2e11, mount: '/data' },
      { fs: 'overlay', type: 'overlay', size: 500e9, used: 100e9, mount: '/merged' },
      { fs: 'server:/export', type: 'nfs4', size: 9e12, used: 1e12, mount: '/mnt/nas' },
    ],
    cpuTemperature: async () => ({ main: 48.5 }),
    graphics: async () => {
      calls.graphics++;
      return { controllers: [{ vendor: 'NVIDIA', model: 'RTX A2000', utilizationGpu: 63, memoryUsed: 1024, temperatureGpu: 55 }] };
    },
    ...overrides,
  };
  return { sys: sys as unknown as MetricsSystemInfo, calls };
}

describe('MetricsSampler', () => {
  it('serves a zero snapshot before the first sample', () => {
    const sampler = new MetricsSampler({ sys: fakeMetrics().sys });
    expect(sampler.snapshot()).toEqual(ZERO_METRICS);
  });

  it('fills the snapshot from every source', async () => {
    const sampler = new MetricsSampler({ sys: fakeMetrics().sys });
    await sampler.tick();
    const s = sampler.snapshot();
    expect(s).toMatchObject({
      cpuPercent: 12.5,
      memoryUsedBytes: 2e9,
      memoryTotalBytes: 8e9,
      // nvme counted once despite the bind mount; overlay and NFS are not this device's storage.
      diskUsedBytes: 3e11,
      diskTotalBytes: 1.5e12,
      temperatureC: 48.5,
      accelerator: { model: 'RTX A2000', utilizationPercent: 63, memoryUsedBytes: 1024 * 1024 * 1024, temperatureC: 55 },
    });
    expect(s.sampledAt).toBeTypeOf('number');
  });

  it('never waits on a hung source, and never stacks calls to it', async () => {
    const { sys, calls } = fakeMetrics({ graphics: () => new Promise(() => {}) });
    let graphicsCalls = 0;
    const counting = {
      ...sys,
      graphics: () => {
        graphicsCalls++;
        return sys.graphics();
      },
    } as MetricsSystemInfo;
    const sampler = new MetricsSampler({ sys: counting });
    const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 3; i++) {
      void sampler.tick();
      await pause(); // the quick sources settle between ticks; graphics() never does
    }
    expect(sampler.snapshot().cpuPercent).toBe(12.5); // the other sources went on
    expect(sampler.snapshot().accelerator).toBeNull();
    expect(graphicsCalls).toBe(1);
    expect(calls.currentLoad).toBe(3);
  });

  it('stops asking for accelerator figures when no controller reports utilisation', async () => {
    const { sys, calls } = fakeMetrics({
      graphics: async () => {
        calls.graphics++;
        return { controllers: [{ vendor: 'ASPEED', model: 'AST2500' }] };
      },
    });
    const sampler = new MetricsSampler({ sys });
    await sampler.tick();
    await sampler.tick();
    expect(calls.graphics).toBe(1);
    expect(sampler.snapshot().accelerator).toBeNull();
  });

  it('keeps the last good figures when a source fails, and reports the failure', async () => {
    let fail = false;
    const errors: string[] = [];
    const { sys } = fakeMetrics({
      currentLoad: async () => {
        if (fail) throw new Error('proc unreadable');
        return { currentLoad: 20 };
      },
    });
    const sampler = new MetricsSampler({ sys, onError: (source) => errors.push(source) });
    await sampler.tick();
    fail = true;
    await sampler.tick();
    expect(sampler.snapshot().cpuPercent).toBe(20);
    expect(errors).toEqual(['load']);
  });

  it('drops implausible temperatures and clamps cpu percent', async () => {
    const { sys } = fakeMetrics({ cpuTemperature: async () => ({ main: -1 }), currentLoad: async () => ({ currentLoad: 100.0001 }) });
    const sampler = new MetricsSampler({ sys });
    await sampler.tick();
    expect(sampler.snapshot().temperatureC).toBeNull();
    expect(sampler.snapshot().cpuPercent).toBe(100);
  });
});
