// Which hardware serials identify a box. The agent hashes them into its fingerprint and the
// platform derives its own identifiers from them (platform/src/enrollment/hardware-ids.ts): both
// must drop the same values, or a clone one side ignores is a match on the other. Firmware vendors
// leave these in SMBIOS instead of a real serial or UUID (seen on many white-box industrial PCs);
// counting them would make every such box the same machine.
const SERIAL_PLACEHOLDERS = new Set([
  'to be filled by o.e.m.',
  'to be filled by oem',
  'default string',
  'system serial number',
  'base board serial number',
  'chassis serial number',
  'serial number',
  'not specified',
  'not applicable',
  'not available',
  'none',
  'n/a',
  'na',
  'null',
  'unknown',
  'oem',
  'o.e.m.',
  'invalid',
  'empty',
  '123456789',
  '0123456789',
  '1234567890',
  '03000200-0400-0500-0006-000700080009',
]);

/** The trimmed value (blanks collapsed), or '' for a non-string, a blank, a known placeholder, or one symbol repeated. */
export function meaningfulSerial(value: unknown): string {
  const v = (typeof value === 'string' ? value : '').replace(/\s+/g, ' ').trim();
  if (v === '' || SERIAL_PLACEHOLDERS.has(v.toLowerCase())) return '';
  // "0000000000", "FFFFFFFF-FFFF-…", "-", "........": one symbol repeated, ignoring UUID dashes.
  const compact = v.replace(/-/g, '');
  if (compact === '' || /^(.)\1*$/.test(compact)) return '';
  return v;
}
