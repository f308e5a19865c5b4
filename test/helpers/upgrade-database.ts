// A database for an upgrade test: its own, opened once, with the migrations folder cut just before
// the migration under test (migrations.ts); the test applies the cut folder, writes rows in the old
// shape, then applies the real one. Registers its own teardown.
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../platform/src/db/index.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { migrationsBefore } from './migrations.js';

export function upgradeDatabase(tagSuffix: string): { handle(): DatabaseHandle; before(): string } {
  let db: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  let cut: ReturnType<typeof migrationsBefore> | undefined;
  beforeAll(async () => {
    cut = migrationsBefore(tagSuffix);
    db = await createTestDatabase();
    handle = await openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, poolSize: 2 });
  });
  afterAll(async () => {
    cut?.remove();
    await handle?.close();
    await db?.drop();
  });
  return { handle: () => handle!, before: () => cut!.folder };
}
