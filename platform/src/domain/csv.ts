// Spreadsheet files for people: the certification report's CSV (certification/report.ts) and the
// dashboard's list exports (platform/web/src/csv-export.ts) share these rules, so a list opened in
// Excel is as safe and as readable as the report.

/**
 * One spreadsheet cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell that
 * begins with = + - @ tab or CR is prefixed with ' so a spreadsheet shows it as text instead of
 * running it as a formula (OWASP "CSV Injection"): enterprise and project names are typed by people,
 * and device inventories come from the devices.
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A whole file: UTF-8 with a byte-order mark and CRLF lines, so Excel opens it as UTF-8 (Chinese headers and names intact). */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
