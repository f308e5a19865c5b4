// The bureau's CSV cell by cell (RFC 4180 quoting; OWASP "CSV Injection"): a name typed by a person
// never runs as a spreadsheet formula, and quotes, commas and line breaks stay inside their cell.
import { describe, expect, it } from 'vitest';
import { csvCell } from '../src/domain/csv.js';

describe('csvCell', () => {
  it.each([
    ['东莞精密制造有限公司', '东莞精密制造有限公司'],
    ['=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
    ['+86 769', "'+86 769"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['say "hi"', '"say ""hi"""'],
    ['500000.00', '500000.00'],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
