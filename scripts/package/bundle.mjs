// The agent as two files: dist/cli.js (the command line and the run loop) and
// dist/inference-worker.js (the worker thread inference-host.ts starts by URL, next to cli.js). Built
// from the compiled agent (agent/dist, `npm run build`), so the package runs the code the tests ran.
// onnxruntime-node stays outside the bundle: it loads its native binding by a path relative to its
// own files (dist/binding.js), so it ships as node_modules/onnxruntime-node with one architecture.
import { build } from 'esbuild';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The bundle is ESM, but mqtt, pino, protobufjs and systeminformation are CommonJS and call
// require() and __dirname at run time; esbuild leaves those calls to the host (esbuild docs,
// "Bundling for node"), so the ESM output defines them from import.meta.url.
const BANNER = [
  "import { createRequire as __edgeCreateRequire } from 'node:module';",
  "import { fileURLToPath as __edgeFileURLToPath } from 'node:url';",
  'const require = __edgeCreateRequire(import.meta.url);',
  'const __filename = __edgeFileURLToPath(import.meta.url);',
  "const __dirname = __edgeFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/**
 * Bundles agent/dist/cli.js and agent/dist/inference-worker.js into outDir; returns the output files
 * with their sizes in bytes.
 */
export async function bundleAgent(repoRoot, outDir) {
  const result = await build({
    entryPoints: {
      cli: join(repoRoot, 'agent', 'dist', 'cli.js'),
      'inference-worker': join(repoRoot, 'agent', 'dist', 'inference-worker.js'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Whitespace and syntax only: identifiers stay readable in a stack trace from the field.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    external: ['onnxruntime-node'],
    banner: { js: BANNER },
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of Object.keys(result.metafile.outputs)) asciiOnly(file);
  return Object.fromEntries(Object.entries(result.metafile.outputs).map(([file]) => [file, statSync(file).size]));
}

/**
 * Rewrites the few non-ASCII characters esbuild leaves (it escapes strings, not regular expression
 * literals: systeminformation's /[^°]/) as \uXXXX escapes of their UTF-16 code units, which mean the
 * same in a string, a template, a regular expression and an identifier. Node keeps the source of an
 * ES module that is pure ASCII as a one-byte string, any other at two bytes per character: 1.3 MiB
 * of resident memory for as long as the agent runs.
 */
function asciiOnly(file) {
  const source = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    source.replace(/[\u0080-\uffff]/g, (u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}
