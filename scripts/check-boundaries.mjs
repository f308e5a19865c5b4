#!/usr/bin/env node
// The module boundaries of docs/architecture.md, checked on the source (npm run lint runs it):
//   1. proto/ imports neither the agent nor the platform: it is the only code both share;
//   2. the agent and the platform never import each other, and reach proto only as @edgenet/proto;
//   3. routes validate, call a service and shape the answer: they import no table definitions
//      (db/schema) and no broker internals, so no route writes a table;
//   4. no import cycle inside a workspace.
// Prints every violation with its file and exits 1 when there is one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACES = { proto: 'proto/src', agent: 'agent/src', platform: 'platform/src' };

/** Every .ts file below dir (not .d.ts). */
function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

// `import … from 'x'`, `export … from 'x'`, `import('x')`; `import type` is kept apart: a type
// import creates no runtime edge (it is erased), so it neither writes tables nor closes a cycle.
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    found.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return found;
}

const problems = [];
const graph = new Map(); // file -> runtime-imported files of the same workspace

for (const [workspace, dir] of Object.entries(WORKSPACES)) {
  for (const file of sources(join(root, dir))) {
    const rel = relative(root, file);
    const edges = [];
    for (const { spec, typeOnly } of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        const targetRel = relative(root, target);
        if (!targetRel.startsWith(`${workspace}/`)) problems.push(`${rel}: imports ${spec}, outside ${workspace}/ (reach another workspace as a package)`);
        if (!typeOnly) edges.push(target);
        if (workspace === 'platform' && rel.startsWith('platform/src/routes/') && !typeOnly) {
          const inside = relative(join(root, 'platform/src'), target);
          if (inside.startsWith('db/schema')) problems.push(`${rel}: imports ${spec}; routes call a service, they do not write tables`);
          if (inside.startsWith('broker/')) problems.push(`${rel}: imports ${spec}; routes do not reach into the broker`);
        }
      } else if (spec.startsWith('@edgenet/')) {
        const pkg = spec.split('/')[1];
        if (workspace === 'proto' || pkg !== 'proto') problems.push(`${rel}: imports ${spec}; only @edgenet/proto is shared, and proto imports no workspace`);
      }
    }
    graph.set(file, edges);
  }
}

// Cycles: Tarjan's strongly connected components over the runtime import graph.
let index = 0;
const stack = [];
const state = new Map();
function strongConnect(v) {
  state.set(v, { index, low: index, onStack: true });
  index += 1;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!state.has(w)) {
      strongConnect(w);
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low);
    } else if (state.get(w).onStack) {
      state.get(v).low = Math.min(state.get(v).low, state.get(w).index);
    }
  }
  if (state.get(v).low === state.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(relative(root, w));
    } while (w !== v);
    if (component.length > 1) problems.push(`import cycle: ${component.sort().join(' <-> ')}`);
  }
}
for (const v of graph.keys()) if (!state.has(v)) strongConnect(v);

if (problems.length > 0) {
  console.error(`module boundaries: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`module boundaries: ${graph.size} files, no violations`);
