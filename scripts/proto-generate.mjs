#!/usr/bin/env node
// Regenerates proto/gen from proto/edge/v1/edge.proto with protobufjs-cli (static code, ES modules).
// Run with `npm run proto:generate`; `npm run proto:check` fails when the committed code is stale.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const schema = join(root, 'proto', 'edge', 'v1', 'edge.proto');
const outDir = join(root, 'proto', 'gen');
const js = join(outDir, 'edge.js');
const dts = join(outDir, 'edge.d.ts');

mkdirSync(outDir, { recursive: true });
// --force-number: 64-bit fields decode to JS numbers (all our values stay below 2^53), so no Long.
execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--force-number', '--no-delimited', '--no-service', '-o', js, schema], { stdio: 'inherit' });
// pbjs emits a bare 'protobufjs/minimal' import, which Node's ESM resolver needs spelled with .js.
writeFileSync(js, readFileSync(js, 'utf8').replace(`from "protobufjs/minimal"`, `from "protobufjs/minimal.js"`));
execFileSync(bin('pbts'), ['-o', dts, js], { stdio: 'inherit' });
console.log(`generated ${js} and ${dts}`);
