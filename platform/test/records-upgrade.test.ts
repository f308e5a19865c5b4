// The project lifecycle migration on a database that already has projects, as every running
// platform does: the migrations before it are applied from a copy of the folder cut just before it,
// a project is written in the old shape, then the real folder is applied. Nothing approves the old
// figures on the operator's behalf: the project is listed as not certifiable until someone does
// (docs/records.md), and nothing is archived by the upgrade.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { gatherCountInput } from '../src/certification/gather.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { queryRows } from '../src/db/index.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.js';
import { upgradeDatabase } from '../../test/helpers/upgrade-database.js';
import { USCC } from '../../test/helpers/fixtures.js';

const upgrade = upgradeDatabase('_project_lifecycle');

it('leaves old projects unapproved and not certifiable, and archives nothing', async () => {
  const handle = upgrade.handle();
  await handle.migrate(upgrade.before());
  const x = handle.db;
  const [e] = await queryRows<{ id: string }>(x, sql`insert into enterprises (name, uscc, town) values ('东莞旧厂', ${USCC[0]}, '长安') returning id`);
  const [p] = await queryRows<{ id: string }>(
    x,
    sql`insert into projects (enterprise_id, name, total_investment_fen, eligible_investment_fen, window_start, window_end)
        values (${e!.id}, '旧项目', 50000000, 40000000, '2025-07-01', '2026-06-30') returning id`,
  );

  await handle.migrate(MIGRATIONS_FOLDER);
  const [row] = await queryRows<{ archived_at: string | null }>(x, sql`select archived_at from projects where id = ${p!.id}`);
  expect(row!.archived_at).toBeNull();
  expect(await queryRows(x, sql`select * from project_approvals`)).toEqual([]);
  const input = await gatherCountInput(x, COUNTING_POLICY, { start: '2025-07-01', end: '2025-07-10' });
  expect(input.notCertifiable).toEqual([{ projectId: p!.id, enterpriseId: e!.id, reason: 'no_approved_figures' }]);
  expect(input.projects).toEqual([]);
});
