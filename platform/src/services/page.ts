// One page of a list, with the size of the whole list. Every listing of the API answers
// { items, total, limit, offset }; the rows and the count come from the same select, so a filter —
// the caller's enterprise scope above all — cannot narrow the items and not the total, and the
// total is a count(*) in the database, never the length of every row loaded into memory.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgSelect } from 'drizzle-orm/pg-core';
import type { Database } from '../db/index.js';

export interface PageQuery {
  limit: number;
  offset: number;
}

export interface Page<T> extends PageQuery {
  items: T[];
  total: number;
}

/**
 * `select` builds the filtered select afresh on each call (drizzle's builders change as they are
 * ordered and limited); `orderBy` must make the order total, or pages may overlap.
 */
export async function listPage<Q extends PgSelect>(
  db: Pick<Database, '$count'>,
  page: PageQuery,
  select: () => Q,
  orderBy: readonly (PgColumn | SQL)[],
): Promise<Page<Awaited<Q>[number]>> {
  const { limit, offset } = page;
  const [items, total] = await Promise.all([
    select()
      .orderBy(...orderBy)
      .limit(limit)
      .offset(offset) as Promise<Awaited<Q>[number][]>,
    // drizzle puts an embedded select in parentheses already.
    db.$count(sql`${select()} as listed`),
  ]);
  return { items, total, limit, offset };
}

/** The filter that confines a list to the caller's enterprise; undefined when it may read them all. */
export function scoped(column: PgColumn, scope: string | null, ...more: (SQL | undefined)[]): SQL | undefined {
  return and(scope ? eq(column, scope) : undefined, ...more);
}
