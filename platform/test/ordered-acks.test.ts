// The "acknowledge in order after commit" rule both device transports use (broker/ordered-acks.ts):
// PUBACKs in arrival order whatever order the commits finish in [MQTT-4.6.0-2], and none after a
// message that must not be acknowledged.
import { describe, expect, it } from 'vitest';
import { OrderedAcks } from '../src/broker/ordered-acks.js';

/** A promise settled by hand, so the test decides the order commits finish in. */
function decision() {
  let settle!: (ok: boolean) => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<boolean>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { promise, settle, fail };
}

/** Lets every promise callback queued so far run. */
const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

function queueOf(n: number) {
  const acks = new OrderedAcks();
  const acked: number[] = [];
  const decisions = Array.from({ length: n }, (_, i) => {
    const d = decision();
    acks.add(d.promise, () => acked.push(i));
    return d;
  });
  return { acks, acked, decisions };
}

describe('OrderedAcks', () => {
  it('acknowledges in arrival order when the commits finish in reverse', async () => {
    const { acks, acked, decisions } = queueOf(4);
    for (const i of [3, 2, 1]) decisions[i]!.settle(true);
    await drain();
    expect(acked).toEqual([]); // the first is not committed: nothing may overtake it
    expect(acks.pending).toBe(4);
    decisions[0]!.settle(true);
    await drain();
    expect(acked).toEqual([0, 1, 2, 3]);
    expect(acks.pending).toBe(0);
  });

  it('acknowledges each message as soon as it and all before it are committed', async () => {
    const { acked, decisions } = queueOf(3);
    decisions[0]!.settle(true);
    await drain();
    expect(acked).toEqual([0]);
    decisions[2]!.settle(true);
    await drain();
    expect(acked).toEqual([0]);
    decisions[1]!.settle(true);
    await drain();
    expect(acked).toEqual([0, 1, 2]);
  });

  it('acknowledges nothing after a message that must not be, even what committed before it failed', async () => {
    const { acks, acked, decisions } = queueOf(4);
    decisions[0]!.settle(true);
    decisions[2]!.settle(true);
    decisions[3]!.settle(true);
    await drain();
    expect(acked).toEqual([0]);
    decisions[1]!.settle(false);
    await drain();
    expect(acked).toEqual([0]);
    expect(acks.stopped).toBe(true);
    // A message arriving after the failure is not acknowledged either.
    acks.add(Promise.resolve(true), () => acked.push(99));
    await drain();
    expect(acked).toEqual([0]);
  });

  it('treats a decision that rejects as one that must not be acknowledged', async () => {
    const { acked, decisions } = queueOf(2);
    decisions[1]!.settle(true);
    decisions[0]!.fail(new Error('database did not answer'));
    await drain();
    expect(acked).toEqual([]);
  });

  it('acknowledges nothing more after stop(), committed or not', async () => {
    const { acks, acked, decisions } = queueOf(3);
    decisions[0]!.settle(true);
    await drain();
    acks.stop();
    decisions[1]!.settle(true);
    decisions[2]!.settle(true);
    await drain();
    expect(acked).toEqual([0]);
    expect(acks.pending).toBe(0);
  });
});
