// The dashboard's list exports: the report's cell rules (platform domain/csv.ts) applied to rows a
// person sees, with a header row, a byte-order mark for Excel and CRLF lines.
import { describe, expect, it } from 'vitest';
import { allPages, toCsv } from '../src/csv-export.js';

describe('list exports', () => {
  it('writes a header row and one guarded row per item', () => {
    const text = toCsv<{ name: string; n: number | null }>(
      [
        { header: '企业', value: (r) => r.name },
        { header: '设备数', value: (r) => r.n },
      ],
      [
        { name: '东莞精密, 有限公司', n: 3 },
        { name: '=HYPERLINK("http://x")', n: null },
      ],
    );
    expect(text).toBe('\uFEFF企业,设备数\r\n"东莞精密, 有限公司",3\r\n"\'=HYPERLINK(""http://x"")",\r\n');
  });

  it('gathers every page of a listing, not only the first', async () => {
    const all = Array.from({ length: 2_345 }, (_, i) => i);
    const asked: number[] = [];
    const rows = await allPages(async (offset, limit) => {
      asked.push(offset);
      return { items: all.slice(offset, offset + limit), total: all.length };
    });
    expect(rows).toEqual(all);
    expect(asked).toEqual([0, 1000, 2000]);
  });
});
