// The database administrator's power that the insider tests play: one statement run with a table's
// immutability trigger off (ALTER TABLE … DISABLE TRIGGER needs only the table's owner), the
// trigger back on whatever happens.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/src/db/index.js';

export async function withTriggerOff(db: Database, table: string, trigger: string, statement: SQL): Promise<void> {
  await db.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
  }
}
