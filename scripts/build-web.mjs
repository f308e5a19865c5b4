#!/usr/bin/env node
// Builds the dashboard: platform/web/src → platform/web/dist, served by the platform at /.
// esbuild bundles the TypeScript and uPlot into one ES module; the styles (ours and uPlot's) into one
// file. Everything comes from node_modules at build time: the page loads nothing from the internet.
// Type checking is `tsc -b` (platform/web/tsconfig.json); esbuild only strips types.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'platform/web');
const out = join(web, 'dist');

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(web, 'src/main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: ['chrome109', 'firefox115', 'safari16'], // browsers still found on factory and office PCs
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const uplotCss = readFileSync(join(root, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
writeFileSync(join(out, 'app.css'), `${uplotCss}\n${readFileSync(join(web, 'styles.css'), 'utf8')}`);
copyFileSync(join(web, 'index.html'), join(out, 'index.html'));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`dashboard built in ${Date.now() - started} ms: platform/web/dist (${Math.round(bytes / 1024)} KiB with source map)\n`);
