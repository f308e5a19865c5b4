// The error registry and docs/errors.md say the same thing, in both directions: every code the
// platform has is documented with its HTTP status, every code the page names exists (or is listed
// as retired), and no retired code is back in use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERR_USCC_INVALID, ERROR_CODES, PLATFORM_ERROR_CODES, PlatformError, RETIRED_ERROR_CODES } from '../src/errors.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const [active, retired = ''] = doc.split(/^## Retired codes$/m);
/** The rows of a table whose first cell is a backticked EDGENET code: code → second cell. */
const rows = (text: string) => new Map([...text.matchAll(/^\| `(EDGENET_ERR_[A-Z_]+)` \| ([^|]*) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));

describe('error codes', () => {
  it('documents every code with its HTTP status', () => {
    const documented = rows(active!);
    for (const code of ERROR_CODES) {
      expect(documented.has(code), `${code} is not in docs/errors.md`).toBe(true);
      const status = PLATFORM_ERROR_CODES[code].status;
      expect(documented.get(code), `${code}'s status`).toBe(status === null ? '—' : String(status));
    }
  });

  it('documents no code the platform does not have, and keeps retired codes retired', () => {
    expect([...rows(active!).keys()].filter((c) => !(c in PLATFORM_ERROR_CODES))).toEqual([]);
    const retiredRows = [...retired.matchAll(/^\| `(EDGENET_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(retiredRows.sort()).toEqual(Object.keys(RETIRED_ERROR_CODES).sort());
    for (const code of Object.keys(RETIRED_ERROR_CODES)) expect(code in PLATFORM_ERROR_CODES).toBe(false);
  });

  it('follow the EDGENET_ERR_<WHAT> pattern and carry their status', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^EDGENET_ERR_[A-Z_]+$/);
    const err = new ERR_USCC_INVALID({ field: 'body/uscc', reason: 'uscc_check', got: '"4"', expected: '"3"' });
    expect(err).toMatchObject({ code: 'EDGENET_ERR_USCC_INVALID', statusCode: 400, message: 'body/uscc check character is "4", expected "3"' });
    expect(err.params).toEqual({ field: 'body/uscc', reason: 'uscc_check', got: '"4"', expected: '"3"' });
  });

  it('keep the cause when wrapping', () => {
    const cause = new Error('ECONNREFUSED');
    const err = new PlatformError('EDGENET_ERR_STARTUP', 'cannot open the database', { cause });
    expect(err.cause).toBe(cause);
    expect(err.name).toBe('PlatformError');
  });
});
