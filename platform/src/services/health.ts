import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';

/** Whether the database answers a trivial query now (readiness, not a health history). */
export async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
