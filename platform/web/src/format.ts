// Numbers, money, shares and times for display. Money arrives as integer fen (分) and is never
// turned into a float: the yuan string is built from the integer and handed to Intl.NumberFormat as
// a decimal string (ECMA-402 NumberFormat v3 formats strings exactly).
import { locale, type Locale } from './i18n.js';

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    // Digits are grouped the zh-CN way in both languages (the same as en: 1,234,567).
    f = new Intl.NumberFormat('zh-CN', options);
    cache.set(key, f);
  }
  return f;
}

export function formatInt(n: number): string {
  return nf('int', { maximumFractionDigits: 0 }).format(n);
}

export function formatDecimal(n: number, digits = 1): string {
  return nf(`dec${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** "12345" fen → "123.45" (exact; negative amounts keep their sign). */
export function fenToYuanString(fen: number | bigint): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** "1234.56" (yuan, as typed in a form) → 123456 fen, never through a float; null when it is not a sum of money. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!m) return null;
  return Number(BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')));
}

/**
 * zh-CN: "1,234.56 元"; en: "CNY 1,234.56" (the ISO 4217 code: "¥" is also the yen's sign, and an
 * English reader comparing offers cannot tell them apart). Two decimals from integer fen; the unit or code is
 * joined to the figure by a no-break space, so the amount never wraps.
 */
export function formatMoney(fen: number | bigint, lang: Locale = locale()): string {
  const yuan = fenToYuanString(fen) as unknown as number; // a decimal string; see the file comment
  if (lang === 'zh-CN') return `${nf('yuan', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(yuan)}\u00a0元`;
  return nf('cny', { style: 'currency', currency: 'CNY', currencyDisplay: 'code' }).format(yuan);
}

const FEN_PER_WAN = 1_000_000n; // 1 万元 = 10,000 元 = 1,000,000 fen

/**
 * A headline amount as Chinese readers take it in: zh-CN "12.35 万元" from 1 万元 up (rounded half up
 * to 0.01 万元, i.e. to 100 元), exact "1,234.56 元" below; en the exact amount. Tables and reports
 * keep formatMoney's exact figure; a rounded headline always has the exact one beside it (title).
 */
export function formatMoneyShort(fen: number | bigint, lang: Locale = locale()): string {
  const v = BigInt(fen);
  const abs = v < 0n ? -v : v;
  if (lang !== 'zh-CN' || abs < FEN_PER_WAN) return formatMoney(fen, lang);
  const hundredths = (abs * 100n + FEN_PER_WAN / 2n) / FEN_PER_WAN; // 0.01 万元 units, half up
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}` as unknown as number; // see the file comment
  return `${v < 0n ? '-' : ''}${nf('wan', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(text)}\u00a0万元`;
}

/** Basis points → "87.5%". */
export function formatBp(bp: number): string {
  return `${formatDecimal(bp / 100, 1)}%`;
}

export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '—' : formatBp(Math.floor((part * 10_000) / whole));
}

const TZ = 'Asia/Shanghai';
export function formatTime(iso: string | null | undefined, lang: Locale = locale()): string {
  if (!iso) return '—';
  // English gets the month's name, day first ("2 Dec 2026, 20:15:00"): 12/02/2026 reads as
  // 2 December in Dongguan's other language and as 12 February to half of English readers.
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    timeZone: TZ,
    year: 'numeric',
    month: lang === 'en' ? 'short' : '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Minutes → "3 h 05 min" / "3小时5分钟" style, via the caller's unit words. */
export function formatAge(fromIso: string | null, nowMs: number, units: { d: string; h: string; m: string }): string {
  if (!fromIso) return '—';
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  const d = Math.floor(minutes / 1440);
  const hh = Math.floor((minutes % 1440) / 60);
  const mm = minutes % 60;
  if (d > 0) return `${d}${units.d} ${hh}${units.h}`;
  if (hh > 0) return `${hh}${units.h} ${mm}${units.m}`;
  return `${mm}${units.m}`;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatDecimal(v, i === 0 ? 0 : 1)} ${units[i]}`;
}
