// "Export CSV" on the dashboard's lists: the rows the person is looking at (all of them, not the
// screenful a virtual table drew), with headers in their language, as a file Excel opens with its
// Chinese intact. The cell rules are the certification report's (platform domain/csv.ts).
import { csvDocument } from '@edgenet/platform/csv';
import { h, saveBlob } from './dom.js';
import { t } from './i18n.js';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/** The file's text: a header row, then one row per item. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return csvDocument([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => String(c.value(r) ?? '')))]);
}

/** A button that gathers the rows when pressed (they may need fetching) and saves them as `name`-YYYY-MM-DD.csv. */
export function csvButton<T>(
  testid: string,
  name: string,
  columns: readonly CsvColumn<T>[],
  rows: () => Promise<readonly T[]> | readonly T[],
): HTMLButtonElement {
  const button = h('button', { type: 'button', testid }, t('csv.export'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      saveBlob(new Blob([toCsv(columns, await rows())], { type: 'text/csv;charset=utf-8' }), `${name}-${new Date().toISOString().slice(0, 10)}.csv`);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** Every page of a listing, `limit` at a time (the API's largest page): a list export wants all rows, not the first page. */
export async function allPages<T>(fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>, limit = 1000): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += limit) {
    const { items, total } = await fetchPage(offset, limit);
    out.push(...items);
    if (items.length < limit || out.length >= total) return out;
  }
}
