// Money from integer fen, shown for zh-CN without ever going through a float (DOMAIN.md: money is
// integer fen everywhere), and the other display formats of the dashboard.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuanString, formatBp, formatInt, formatMoney, formatMoneyShort, formatShare, formatTime } from '../src/format.js';

describe('money', () => {
  it('formats integer fen as yuan with 2 decimals, the zh-CN way', () => {
    expect(formatMoney(123_456, 'zh-CN')).toBe('1,234.56\u00a0元');
    expect(formatMoney(123_456, 'en')).toBe('CNY\u00a01,234.56');
    expect(formatMoney(12_500_000, 'en')).toBe('CNY\u00a0125,000.00');
    expect(formatMoney(-1_050, 'en')).toBe('-CNY\u00a010.50');
    expect(formatMoney(0, 'zh-CN')).toBe('0.00\u00a0元');
    expect(formatMoney(5, 'zh-CN')).toBe('0.05\u00a0元');
    expect(formatMoney(100_000_000, 'zh-CN')).toBe('1,000,000.00\u00a0元'); // art. 18 per-project cap
    expect(formatMoney(-1_050, 'zh-CN')).toBe('-10.50\u00a0元');
  });

  it('is exact beyond 2^53 fen, where a float would round', () => {
    expect(fenToYuanString(9_007_199_254_740_993n)).toBe('90071992547409.93');
    expect(formatMoney(9_007_199_254_740_993n, 'zh-CN')).toBe('90,071,992,547,409.93\u00a0元');
  });

  it('round-trips every safe integer amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const yuan = fenToYuanString(fen);
        expect(BigInt(yuan.replace('.', ''))).toBe(BigInt(fen));
        expect(formatMoney(fen, 'zh-CN').replace(/,/g, '')).toBe(`${yuan}\u00a0元`);
      }),
    );
  });
});

describe('headline amounts in 万元', () => {
  it('reads 万元 from 1\u00a0万元 up in zh-CN, rounded half up to 0.01\u00a0万元, and exact below and in en', () => {
    expect(formatMoneyShort(12_345_678, 'zh-CN')).toBe('12.35\u00a0万元'); // 123,456.78\u00a0元
    expect(formatMoneyShort(12_344_999, 'zh-CN')).toBe('12.34\u00a0万元');
    expect(formatMoneyShort(12_345_000, 'zh-CN')).toBe('12.35\u00a0万元'); // the half goes up
    expect(formatMoneyShort(1_000_000, 'zh-CN')).toBe('1.00\u00a0万元');
    expect(formatMoneyShort(999_999, 'zh-CN')).toBe('9,999.99\u00a0元');
    expect(formatMoneyShort(100_000_000_000, 'zh-CN')).toBe('100,000.00\u00a0万元'); // 10 亿元
    expect(formatMoneyShort(-12_345_678, 'zh-CN')).toBe('-12.35\u00a0万元');
    expect(formatMoneyShort(12_345_678, 'en')).toBe('CNY\u00a0123,456.78');
  });

  it('never goes through a float beyond 2^53 fen', () => {
    expect(formatMoneyShort(9_007_199_254_740_993n, 'zh-CN')).toBe('9,007,199,254.74\u00a0万元');
  });
});

describe('times', () => {
  it('names the month in English and keeps the Chinese numeric date, both in Shanghai time', () => {
    expect(formatTime('2026-12-02T12:15:00Z', 'en')).toBe('02 Dec 2026, 20:15:00');
    expect(formatTime('2026-12-02T12:15:00Z', 'zh-CN')).toBe('2026/12/02 20:15:00');
  });
});

describe('numbers and shares', () => {
  it('groups digits and shows basis points as percent', () => {
    expect(formatInt(100_000)).toBe('100,000');
    expect(formatBp(8_750)).toBe('87.5%');
    expect(formatShare(1, 3)).toBe('33.3%');
    expect(formatShare(0, 0)).toBe('—');
  });
});
