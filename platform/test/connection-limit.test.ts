import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { deviceConnectionLimit } from '../src/broker/connection-limit.js';

const limitsFile = (line: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'edgenet-limits-')), 'limits');
  writeFileSync(
    file,
    `Limit                     Soft Limit           Hard Limit           Units\nMax processes             unlimited            unlimited            processes\n${line}\n`,
  );
  return file;
};

it('keeps a reserve below the soft open-file limit for everything that is not a device', () => {
  expect(deviceConnectionLimit(limitsFile('Max open files            20000                20000                files'))).toBe(19_000);
  expect(deviceConnectionLimit(limitsFile('Max open files            unlimited            unlimited            files'))).toBe(Infinity);
  expect(deviceConnectionLimit('/nonexistent/limits')).toBe(Infinity);
  // The running process's own limit, on Linux.
  expect(deviceConnectionLimit()).toBeGreaterThan(0);
});
