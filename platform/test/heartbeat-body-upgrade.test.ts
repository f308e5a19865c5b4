// Migration 0026 on a database that already has heartbeats in the old shape (every decoded figure a
// column): a row stored with its signed body keeps the body and reads back the same figures decoded
// from it; a row stored before the chain existed (no body) keeps its figures in heartbeats_prechain,
// which nothing can change afterwards, and the API still shows them.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { encodeHeartbeat } from '@edgenet/proto';
import { queryRows } from '../src/db/index.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.js';
import { recentHeartbeats } from '../src/services/devices.js';
import { upgradeDatabase } from '../../test/helpers/upgrade-database.js';
import { USCC } from '../../test/helpers/fixtures.js';

const upgrade = upgradeDatabase('_heartbeat_body_record');

it('keeps pre-chain figures in heartbeats_prechain and reads the others from the body', async () => {
  const handle = upgrade.handle();
  await handle.migrate(upgrade.before());
  const x = handle.db;
  const [e] = await queryRows<{ id: string }>(x, sql`insert into enterprises (name, uscc, town) values ('东莞旧厂', ${USCC[0]}, '长安') returning id`);
  const [p] = await queryRows<{ id: string }>(
    x,
    sql`insert into projects (enterprise_id, name, total_investment_fen, eligible_investment_fen, window_start, window_end)
        values (${e!.id}, '旧项目', 50000000, 40000000, '2025-07-01', '2026-06-30') returning id`,
  );
  const [d] = await queryRows<{ id: string }>(
    x,
    sql`insert into devices (enterprise_id, project_id, kind, fingerprint, public_key, key_id, mqtt_password_hash, inventory, agent_version, heartbeat_interval_ms, enrolled_at)
        values (${e!.id}, ${p!.id}, 'compute_box', ${'a'.repeat(64)}, 'key', ${'a'.repeat(16)}, 'x', '{}', 'old', 300000, '2025-08-01T00:00:00Z') returning id`,
  );
  const at = Date.parse('2025-08-02T02:00:00Z');
  const body = Buffer.from(
    encodeHeartbeat({ seq: 2, deviceTimeMs: at + 10_000, uptimeS: 77, cpuPercent: 12.3, memoryUsedBytes: 5, memoryTotalBytes: 9, queueDepth: 3 }),
  );
  // seq 1 from before the chain (no body), seq 2 with its body, both in the old columns.
  await x.execute(sql`
    insert into heartbeats (device_id, seq, received_at, device_time, clock_untrusted, filed_at, filing, uptime_s, cpu_percent,
                            memory_used_bytes, memory_total_bytes, disk_used_bytes, disk_total_bytes, temperature_c, inference_total,
                            inference_errors, inference_delta, queue_depth, queue_dropped, body, prev_hash, chain_ok)
    values (${d!.id}, 1, ${new Date(at).toISOString()}, ${new Date(at).toISOString()}, false, ${new Date(at).toISOString()}, 'received',
            60, 40.5, 1, 2, 3, 4, 51.5, 8, 0, 8, null, null, null, null, null),
           (${d!.id}, 2, ${new Date(at + 10_000).toISOString()}, ${new Date(at + 10_000).toISOString()}, false,
            ${new Date(at + 10_000).toISOString()}, 'untrusted_clock', 77, 12.3, 5, 9, 0, 0, null, 0, 0, 0, 3, 0, ${body}, null, null)`);

  await handle.migrate(MIGRATIONS_FOLDER);
  const items = await recentHeartbeats(x, d!.id, 10);
  expect(items.map((h) => [h.seq, h.filing, h.uptimeS, h.cpuPercent, h.temperatureC, h.inferenceTotal, h.queueDepth])).toEqual([
    [2, 'untrusted_clock', 77, 12.3, null, 0, 3],
    [1, 'received', 60, 40.5, 51.5, 8, null],
  ]);
  const [rows] = await queryRows<{ n: string | number; unsigned: string | number }>(
    x,
    sql`select count(*) as n, count(*) filter (where signature is null) as unsigned from heartbeats`,
  );
  expect({ n: Number(rows!.n), unsigned: Number(rows!.unsigned) }).toEqual({ n: 2, unsigned: 2 });
  await expect(x.execute(sql`update heartbeats_prechain set cpu_percent = 99`)).rejects.toThrow();
  await expect(x.execute(sql`delete from heartbeats_prechain`)).rejects.toThrow();
});
