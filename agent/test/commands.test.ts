import { edge } from '@edgenet/proto';
import { describe, expect, it } from 'vitest';
import { interpretCommand } from '../src/commands.js';

const encode = (c: edge.v1.Command.$Properties): Uint8Array => edge.v1.Command.encode(c).finish();

describe('interpretCommand', () => {
  it('maps each action', () => {
    expect(interpretCommand(encode({ id: 'a', ping: {} }))).toEqual({ type: 'ping', id: 'a' });
    expect(interpretCommand(encode({ id: 'b', requestHello: {} }))).toEqual({ type: 'request-hello', id: 'b' });
    expect(interpretCommand(encode({ id: 'c', setHeartbeatInterval: { intervalMs: 30_000 } }))).toEqual({
      type: 'set-heartbeat-interval',
      id: 'c',
      intervalMs: 30_000,
    });
  });

  it('keeps the interval within 1 s .. 1 h', () => {
    for (const intervalMs of [0, 999, 3_600_001]) {
      expect(interpretCommand(encode({ id: 'd', setHeartbeatInterval: { intervalMs } })).type).toBe('invalid');
    }
    expect(interpretCommand(encode({ id: 'e', setHeartbeatInterval: { intervalMs: 1_000 } })).type).toBe('set-heartbeat-interval');
    expect(interpretCommand(encode({ id: 'f', setHeartbeatInterval: { intervalMs: 3_600_000 } })).type).toBe('set-heartbeat-interval');
  });

  it('takes a set of workstation codes, and refuses codes the mapping could not carry', () => {
    expect(interpretCommand(encode({ id: 'h', setWorkstations: { workstationCodes: ['L1-01', 'L2-01'] } }))).toEqual({
      type: 'set-workstations',
      id: 'h',
      codes: ['L1-01', 'L2-01'],
    });
    expect(interpretCommand(encode({ id: 'i', setWorkstations: { workstationCodes: [] } }))).toEqual({ type: 'set-workstations', id: 'i', codes: [] });
    for (const workstationCodes of [['L1-01', 'L1-01'], ['has space'], Array.from({ length: 257 }, (_, n) => `W-${n}`)]) {
      expect(interpretCommand(encode({ id: 'j', setWorkstations: { workstationCodes } }))).toMatchObject({ type: 'invalid', id: null });
    }
  });

  it('turns garbage into a reason, never an exception', () => {
    expect(interpretCommand(Uint8Array.from([0xff, 0xff, 0xff]))).toMatchObject({ type: 'invalid', id: null });
    expect(interpretCommand(encode({ id: 'g' }))).toMatchObject({ type: 'invalid', reason: 'command has no action' });
    expect(interpretCommand(new Uint8Array(10_000))).toMatchObject({ type: 'invalid' });
    expect(interpretCommand(new Uint8Array(17_000))).toMatchObject({ type: 'invalid', reason: expect.stringContaining('too large') });
  });
});
