// Runs scripts/independent-recount.py (written from docs/certification.md, sharing no code with
// count.ts) on a report and its evidence: the second implementation the tests hold the count to.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, '../../scripts/independent-recount.py');

/** Runs the independent recount; its JSON answer and exit status. */
export function independentRecount(
  report: string,
  evidence: string,
): { status: number; out: { results: string; problems: string[]; sample: string[] | null } } {
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-recount-'));
  writeFileSync(join(dir, 'report.json'), report);
  writeFileSync(join(dir, 'evidence.ndjson'), evidence);
  const r = spawnSync('python3', [SCRIPT, '--report', join(dir, 'report.json'), '--evidence', join(dir, 'evidence.ndjson')]);
  if (r.error) throw r.error;
  return { status: r.status ?? -1, out: JSON.parse(r.stdout.toString()) };
}
