// The migrations folder as it was before one migration: a copy whose journal stops just before the
// entry whose tag ends with `tagSuffix` (its number is the lead's to choose at merge), for tests
// that write rows in the old shape and then apply the real folder.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../../platform/src/db/migrate.js';

export function migrationsBefore(tagSuffix: string): { folder: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'edgenet-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (at <= 0) throw new Error(`no migration before one tagged *${tagSuffix}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
