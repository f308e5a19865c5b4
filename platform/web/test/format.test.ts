// Money from integer fen, shown for zh-CN without ever going through a float (DOMAIN.md: money is
// integer fen everywhere), and the other display formats of the dashboard.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuanString, formatBp, formatInt, formatMoney, formatShare } from '../src/format.js';

describe('money', () => {
  it('formats integer fen as yuan with 2 decimals, the zh-CN way', () => {
    expect(formatMoney(123_456, 'zh-CN')).toBe('1,234.56 元');
    expect(formatMoney(123_456, 'en')).toBe('¥1,234.56');
    expect(formatMoney(0, 'zh-CN')).toBe('0.00 元');
    expect(formatMoney(5, 'zh-CN')).toBe('0.05 元');
    expect(formatMoney(100_000_000, 'zh-CN')).toBe('1,000,000.00 元'); // art. 18 per-project cap
    expect(formatMoney(-1_050, 'zh-CN')).toBe('-10.50 元');
  });

  it('is exact beyond 2^53 fen, where a float would round', () => {
    expect(fenToYuanString(9_007_199_254_740_993n)).toBe('90071992547409.93');
    expect(formatMoney(9_007_199_254_740_993n, 'zh-CN')).toBe('90,071,992,547,409.93 元');
  });

  it('round-trips every safe integer amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const yuan = fenToYuanString(fen);
        expect(BigInt(yuan.replace('.', ''))).toBe(BigInt(fen));
        expect(formatMoney(fen, 'zh-CN').replace(/,/g, '')).toBe(`${yuan} 元`);
      }),
    );
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
