#!/usr/bin/env node
// npm run package:agent: the agent as a .deb and a .tar.gz for linux-x64 and linux-arm64, each
// holding everything the box needs (agent bundle, model, onnxruntime for that architecture only,
// Node runtime), so installing fetches nothing (agent/README.md "Install").
//   node scripts/package-agent.mjs [--arch x64,arm64] [--format deb,tar] [--version 0.1.0]
//        [--out dist/packages] [--deb-compression xz|gzip]
// Needs `npm run build` first (the bundle is made from agent/dist), dpkg-deb, and the npm registry
// (node-linux-<arch>). --version overrides agent/package.json's, for a test's "newer build".
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleAgent } from './package/bundle.mjs';
import { buildDeb } from './package/deb.mjs';
import { stageLib } from './package/stage.mjs';
import { buildTarball } from './package/tarball.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'x64,arm64' },
    format: { type: 'string', default: 'deb,tar' },
    version: { type: 'string' },
    out: { type: 'string', default: join(repoRoot, 'dist', 'packages') },
    // gzip builds a .deb in seconds where xz takes a minute; for test builds, never for releases.
    'deb-compression': { type: 'string', default: 'xz' },
  },
});
const formats = values.format.split(',').filter(Boolean);
for (const f of formats) if (f !== 'deb' && f !== 'tar') throw new Error(`--format: ${f} is not deb or tar`);
if (!['xz', 'gzip'].includes(values['deb-compression'])) throw new Error('--deb-compression: xz or gzip');
const archs = values.arch.split(',').filter(Boolean);
for (const a of archs) if (a !== 'x64' && a !== 'arm64') throw new Error(`--arch: ${a} is not x64 or arm64`);
const version = values.version ?? JSON.parse(readFileSync(join(repoRoot, 'agent', 'package.json'), 'utf8')).version;
// deb-version(7) and what sort -V compares alike: digits and dots, optionally -suffix.
if (!/^\d+\.\d+\.\d+(?:[-+~][0-9A-Za-z.~+-]+)?$/.test(version)) throw new Error(`--version: ${version} is not a version like 1.2.3`);
const outDir = resolve(values.out);

const workDir = mkdtempSync(join(tmpdir(), 'edge-agent-package-'));
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
try {
  const bundleDir = join(workDir, 'bundle');
  const bundle = await bundleAgent(repoRoot, bundleDir);
  const bundleBytes = Object.values(bundle).reduce((a, b) => a + b, 0);
  console.log(
    `bundle: ${mib(bundleBytes)} MiB (${Object.keys(bundle)
      .map((f) => basename(f))
      .join(', ')})`,
  );
  const sums = [];
  for (const arch of archs) {
    const libDir = join(workDir, `lib-${arch}`);
    const { nodeVersion, stripped } = stageLib({ repoRoot, bundleDir, libDir, arch, version });
    console.log(`${arch}: Node ${nodeVersion}${stripped ? ', symbols stripped' : ', not stripped (no strip for this architecture is installed)'}`);
    const made = [];
    const common = { repoRoot, libDir, workDir, outDir, arch, version, nodeVersion };
    if (formats.includes('deb')) made.push(buildDeb({ ...common, compression: values['deb-compression'] }));
    if (formats.includes('tar')) made.push(buildTarball(common));
    for (const path of made) {
      sums.push(`${createHash('sha256').update(readFileSync(path)).digest('hex')}  ${basename(path)}`);
      console.log(`${basename(path)}: ${mib(statSync(path).size)} MiB`);
    }
  }
  writeFileSync(join(outDir, `SHA256SUMS-${version}`), `${sums.join('\n')}\n`);
  console.log(`in ${outDir}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
