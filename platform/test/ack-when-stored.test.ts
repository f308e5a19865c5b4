// "Acknowledged means stored" under database faults, with the real platform, the real database and
// real mqtt.js clients:
//   · a resend of a heartbeat still in the writer's queue is acknowledged only with its original's
//     commit (a platform killed before it would otherwise have answered "stored" for nothing);
//   · a message ingest cannot decide because the database refuses is never acknowledged: the
//     connection is closed and the device sends it again after the outage [MQTT-4.4.0-1];
//   · the writer retries every 2 s at most, so acknowledgements resume soon after the outage;
//   · GET /ingest/stats answers 503 EDGENET_ERR_DATABASE_UNAVAILABLE, not 500, meanwhile;
//   · in external broker mode (a Mosquitto of the test's own) such a message is left
//     unacknowledged, so the broker sends it again and it is stored after the outage.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { startPlatformBehindMosquitto, startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { holdTables, refuseConnections, type Release } from '../../test/helpers/database-fault.js';
import { retryDelayMs } from '../src/ingest/heartbeat-writer.js';

let tp: TestPlatform;
let seeded: Seeded;
beforeAll(async () => {
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp);
});
afterAll(() => tp?.close());

const storedSeqs = async (d: TestDevice) =>
  (await tp.api('GET', `/api/v1/devices/${d.deviceId}/heartbeats?limit=100`)).body.items
    .map((h: { seq: number }) => h.seq)
    .sort((a: number, b: number) => a - b);

/** Publishes a heartbeat and records whether its PUBACK came. */
function tracked(d: TestDevice, client: MqttClient, seq: number) {
  const state = { acked: false };
  const puback = d.heartbeat(client, seq).then(() => {
    state.acked = true;
  });
  puback.catch(() => undefined);
  return { state, puback };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const closed = (client: MqttClient) => new Promise<void>((resolve) => client.once('close', () => resolve()));

describe('a resend of a heartbeat the writer still holds', () => {
  it('is acknowledged only once the original is committed, on whichever connection it comes', async () => {
    const d = await enrollTestDevice(tp, seeded.token);
    const { writer, rejects } = tp.platform.context;
    const first = await d.connect();
    await d.hello(first);
    await d.heartbeat(first, 1);

    let release: Release | null = await holdTables(tp, ['heartbeats']);
    try {
      const original = tracked(d, first, 2);
      await waitFor('seq 2 queued', () => writer.holds(d.deviceId, 2));
      // The device gives up on the connection (as after a network fault) and sends seq 2 again on a new one.
      first.end(true);
      const second = await d.connect();
      const duplicatesBefore = rejects.snapshot().duplicate;
      const resend = tracked(d, second, 2);
      await waitFor('the resend recognised as a duplicate', () => rejects.snapshot().duplicate > duplicatesBefore);
      await sleep(1_000); // time enough for a PUBACK that was not waiting for anything
      expect(resend.state.acked, 'the resend was acknowledged while its original was not stored').toBe(false);
      expect(original.state.acked).toBe(false);
      expect(writer.holds(d.deviceId, 2)).toBe(true);

      await release();
      release = null;
      await resend.puback;
      expect(await storedSeqs(d)).toEqual([1, 2]);
    } finally {
      await release?.();
    }
  });
});

describe.runIf(inject('databaseUrl') !== '')('while PostgreSQL refuses connections', () => {
  it('closes the connection without PUBACK for a message ingest could not handle, and stores its resend after', async () => {
    const d = await enrollTestDevice(tp, seeded.token);
    const client = await d.connect();
    await d.hello(client);
    await d.heartbeat(client, 1);
    const restore = await refuseConnections(tp);
    try {
      // A hello that declares something new (here its interval) writes the device row before it is
      // answered: with the database down that throws. (One that repeats what is stored writes nothing.)
      const outcome = await Promise.race([
        closed(client).then(() => 'closed'),
        d.hello(client, 2_000).then(
          () => 'acknowledged',
          () => 'closed',
        ),
      ]);
      expect(outcome, 'a hello the platform could not store was acknowledged').toBe('closed');
    } finally {
      await restore();
    }
    const again = await d.connect();
    await d.hello(again);
    await d.heartbeat(again, 2);
    expect(await storedSeqs(d)).toEqual([1, 2]);
  });

  it('retries a failed batch every 2 s at most, so acknowledgements resume soon after the outage', async () => {
    const d = await enrollTestDevice(tp, seeded.token);
    const { writer } = tp.platform.context;
    const client = await d.connect();
    await d.hello(client);
    const restore = await refuseConnections(tp);
    let restored = false;
    try {
      const hb = tracked(d, client, 1);
      // Counted, not timed: the fourth retry in a row is scheduled no later than the cap.
      await waitFor('four failed writes', () => writer.failures >= 4, 30_000, 20);
      expect(writer.retryInMs).toBeLessThanOrEqual(2_000);
      expect(hb.state.acked).toBe(false);
      await restore();
      restored = true;
      await hb.puback;
      expect(writer.failures).toBe(0);
    } finally {
      if (!restored) await restore();
    }
  });

  it('answers GET /ingest/stats with 503 EDGENET_ERR_DATABASE_UNAVAILABLE, and 200 once the database is back', async () => {
    expect((await tp.api('GET', '/api/v1/ingest/stats')).status).toBe(200);
    const restore = await refuseConnections(tp);
    try {
      const res = await tp.api('GET', '/api/v1/ingest/stats');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'EDGENET_ERR_DATABASE_UNAVAILABLE' });
    } finally {
      await restore();
    }
    expect((await tp.api('GET', '/api/v1/ingest/stats')).status).toBe(200);
  });
});

describe.runIf(inject('databaseUrl') !== '')('external broker mode while PostgreSQL refuses connections', () => {
  it('leaves a message ingest could not handle unacknowledged, so the broker redelivers it and it is stored', async () => {
    const { platform: ext, viaBroker, addDevice } = await startPlatformBehindMosquitto('h2');
    const d = await enrollTestDevice(viaBroker, (await seedEnterprise(ext)).token);
    await addDevice(d);
    const client = await d.connect();
    const restore = await refuseConnections(ext);
    try {
      // Mosquitto acknowledges the device; the platform's first lookup of the device then fails.
      await d.heartbeat(client, 1);
      // It drops its broker connection to have the message sent again (at most a few seconds here).
      await Promise.race([waitFor('the platform dropping its broker connection', () => !ext.platform.context.brokerReady(), 20_000, 10), sleep(5_000)]);
    } finally {
      await restore();
    }
    const stored = async () => (await ext.api('GET', `/api/v1/devices/${d.deviceId}/heartbeats?limit=10`)).body.items?.map((h: { seq: number }) => h.seq);
    expect(await waitFor('the redelivered heartbeat stored', async () => ((await stored())?.length ? stored() : null))).toEqual([1]);
  });
});

it('starts retrying at 0.5 s and doubles up to the 2 s cap', () => {
  expect([1, 2, 3, 4, 5, 50].map(retryDelayMs)).toEqual([500, 1_000, 2_000, 2_000, 2_000, 2_000]);
});
