// Each column of devices has one writer module (the list is at db/schema/devices.ts), and only the
// heartbeat writer inserts heartbeats and their keys. Read from the source: every drizzle
// `.update(devices).set({…})` and every SQL `update devices … set …` in platform/src, with the
// columns it sets. A second writer coming back (presence advancing last_seen_at, ingest updating
// the profile beside device-profile.ts) fails here, naming the file and the column.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { devices } from '../src/db/schema/index.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** The one module that updates each column (db/schema/devices.ts says why). */
const OWNERS: Record<string, string[]> = {
  enrollment: [
    'project_id',
    'public_key',
    'key_id',
    'mqtt_password_hash',
    'attestation_level',
    'ek_issuer',
    'ek_serial',
    'ek_public_sha256',
    'ak_public',
    'ek_certificate',
  ],
  'ingest/device-profile.ts': ['kind', 'inventory', 'agent_version', 'heartbeat_interval_ms', 'hello_offset_ms', 'declared_sha256'],
  'ingest/rollup/fold.ts': ['last_seq', 'first_seen_at', 'last_seen_at'],
  'ingest/presence.ts': ['online', 'came_online_at'],
  'services/device-lifecycle.ts': ['status', 'status_changed_at', 'replaced_by'],
};
/** Set when enrollment inserts the row, never updated: the hardware's identity. */
const INSERT_ONLY = ['id', 'enterprise_id', 'fingerprint', 'enrolled_at'];

/** The module a source file belongs to: enrollment is its routes and the services they call. */
function moduleOf(file: string): string {
  return /^(routes\/enroll(-bulk)?\.ts|enrollment\/)/.test(file) ? 'enrollment' : file;
}

const COLUMN_OF = new Map(Object.entries(getTableColumns(devices)).map(([key, column]) => [key, column.name]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The source without comment lines, so prose about an UPDATE is not taken for one. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => !/^\s*(\/\/|\/\*|\*)/.test(l))
    .join('\n');
}

/** The text between the parenthesis at `open` and its match. */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced parentheses at ${open}`);
}

interface Write {
  file: string;
  module: string;
  columns: string[];
  problem?: string;
}

/** Every UPDATE of devices in a file, with the columns it sets. */
function deviceUpdates(file: string, text: string): Write[] {
  const writes: Write[] = [];
  for (const m of text.matchAll(/\.update\(\s*devices\s*\)/g)) {
    const set = text.indexOf('.set(', m.index);
    const arg = balanced(text, set + '.set'.length);
    if (!arg.includes('{')) {
      writes.push({
        file,
        module: moduleOf(file),
        columns: [],
        problem: `.update(devices).set(${arg.trim()}): set the columns in an object literal, so their writer can be checked`,
      });
      continue;
    }
    const keys = [...arg.matchAll(/([A-Za-z_]\w*)\s*:(?!:)/g), ...arg.matchAll(/[{,]\s*([A-Za-z_]\w*)\s*(?=[,}])/g)].map((k) => k[1]!);
    writes.push({ file, module: moduleOf(file), columns: [...new Set(keys.flatMap((k) => COLUMN_OF.get(k) ?? []))] });
  }
  for (const m of text.matchAll(/\bupdate\s+"?devices"?\b[\s\S]*?\bset\b([\s\S]*?)(?:\bfrom\b|\bwhere\b|\breturning\b|`)/gi)) {
    writes.push({ file, module: moduleOf(file), columns: [...new Set([...m[1]!.matchAll(/(?:^|,)\s*"?([a-z_]+)"?\s*=/g)].map((a) => a[1]!))] });
  }
  return writes;
}

const files = sources(SRC).map((path) => ({ file: relative(SRC, path).split('\\').join('/'), text: code(path) }));

describe('devices: one writer per column', () => {
  it('gives every column exactly one owner, or none when only the row’s insert sets it', () => {
    const owned = Object.values(OWNERS).flat();
    expect(new Set(owned).size).toBe(owned.length);
    expect([...owned, ...INSERT_ONLY].sort()).toEqual([...COLUMN_OF.values()].sort());
  });

  it('has no UPDATE outside the owner of each column it sets', () => {
    const writes = files.flatMap(({ file, text }) => deviceUpdates(file, text));
    const problems = writes.flatMap((w) => [
      ...(w.problem ? [`${w.file}: ${w.problem}`] : []),
      ...w.columns
        .filter((c) => !OWNERS[w.module]?.includes(c))
        .map((c) => {
          const owner = Object.entries(OWNERS).find(([, cs]) => cs.includes(c))?.[0] ?? 'nobody: it is set only when the row is inserted';
          return `${w.file} updates devices.${c}, whose writer is ${owner}`;
        }),
    ]);
    expect(problems).toEqual([]);
    // The reading above is not blind: each owner is found writing every column it owns.
    const found: Record<string, string[]> = {};
    for (const w of writes) found[w.module] = [...new Set([...(found[w.module] ?? []), ...w.columns])].sort();
    expect(found).toEqual(Object.fromEntries(Object.entries(OWNERS).map(([f, cs]) => [f, [...cs].sort()])));
  });

  it('inserts device rows at enrollment only', () => {
    const inserting = files.filter(({ text }) => /\.insert\(\s*devices\s*\)|\binsert\s+into\s+"?devices"?\b/i.test(text));
    expect(inserting.length).toBeGreaterThan(0);
    expect([...new Set(inserting.map((f) => moduleOf(f.file)))]).toEqual(['enrollment']);
  });
});

describe('heartbeats and heartbeat_keys: one writer', () => {
  it('are inserted by the heartbeat writer only, keys first (and the keys once by the hypertable migration)', () => {
    const writing = files.filter(({ text }) =>
      /\.insert\(\s*heartbeat(s|Keys)\s*\)|\binsert\s+into\s+"?heartbeat(s|_keys)"?\b|\bupdate\s+"?heartbeat(s|_keys)"?\b|\.update\(\s*heartbeat(s|Keys)\s*\)/i.test(
        text,
      ),
    );
    expect(writing.map((f) => f.file)).toEqual(['db/migrate.ts', 'ingest/heartbeat-writer.ts']);
    expect(writing[0]!.text).not.toMatch(/insert\s+into\s+"?heartbeats"?\b/i);
    const writer = writing[1]!.text;
    expect(writer.indexOf('insert into heartbeat_keys')).toBeGreaterThan(-1);
    expect(writer.indexOf('insert into heartbeat_keys')).toBeLessThan(writer.indexOf('insert into heartbeats'));
  });
});
