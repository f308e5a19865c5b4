// The agent's installed tree for one architecture, as /usr/lib/edge-agent (the .deb) or
// /opt/edge-agent (the tarball) holds it:
//   package.json              name, version (agent/src/version.ts reads ../package.json), "type": "module"
//   dist/cli.js, dist/inference-worker.js   the bundle (bundle.mjs)
//   models/*.onnx             the shipped model ("builtin:" in a model entry; config.ts BUILTIN_MODELS_DIR)
//   node_modules/onnxruntime-node, onnxruntime-common   its JavaScript and this architecture's binaries only
//   node/bin/node             the Node runtime (node-runtime.mjs)
//   bin/edge-agent            the command (deploy/agent/edge-agent)
//   libexec/setup-host.sh     user, directories, hardware read (deploy/agent/setup-host.sh)
import { chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { elfFiles, ELF_MACHINE, stripElf } from './elf.mjs';
import { fetchNodeRuntime } from './node-runtime.mjs';

const noMaps = (src) => !src.endsWith('.map') && !src.endsWith('.d.ts') && !src.endsWith('.ts.map');

/** Lays out the tree in libDir; returns facts for the report (node version, stripped or not). */
export function stageLib({ repoRoot, bundleDir, libDir, arch, version }) {
  const nm = join(repoRoot, 'node_modules');
  mkdirSync(libDir, { recursive: true });
  writeFileSync(
    join(libDir, 'package.json'),
    `${JSON.stringify({ name: 'edge-agent', version, private: true, type: 'module', description: 'edgenet edge agent, bundled with its Node runtime', license: 'Apache-2.0' }, null, 2)}\n`,
  );
  cpSync(bundleDir, join(libDir, 'dist'), { recursive: true });
  mkdirSync(join(libDir, 'models'));
  for (const f of readdirSync(join(repoRoot, 'agent', 'models')).filter((f) => f.endsWith('.onnx'))) {
    copyFileSync(join(repoRoot, 'agent', 'models', f), join(libDir, 'models', f));
  }
  copyFileSync(join(repoRoot, 'agent', 'README.md'), join(libDir, 'README.md'));

  // onnxruntime-node: package.json (its "main"), dist/*.js and bin/napi-v6/linux/<arch>/ only. Its
  // install script and the packages it needs (adm-zip, global-agent) are for downloading CUDA files.
  const ort = join(libDir, 'node_modules', 'onnxruntime-node');
  mkdirSync(join(ort, 'bin', 'napi-v6', 'linux'), { recursive: true });
  copyFileSync(join(nm, 'onnxruntime-node', 'package.json'), join(ort, 'package.json'));
  cpSync(join(nm, 'onnxruntime-node', 'dist'), join(ort, 'dist'), { recursive: true, filter: noMaps });
  cpSync(join(nm, 'onnxruntime-node', 'bin', 'napi-v6', 'linux', arch), join(ort, 'bin', 'napi-v6', 'linux', arch), { recursive: true });
  const common = join(libDir, 'node_modules', 'onnxruntime-common');
  mkdirSync(join(common, 'dist'), { recursive: true });
  copyFileSync(join(nm, 'onnxruntime-common', 'package.json'), join(common, 'package.json'));
  cpSync(join(nm, 'onnxruntime-common', 'dist', 'cjs'), join(common, 'dist', 'cjs'), { recursive: true, filter: noMaps });

  const nodeVersion = fetchNodeRuntime(arch, join(libDir, 'node'));
  const stripped = stripElf(join(libDir, 'node', 'bin', 'node'), arch);
  chmodSync(join(libDir, 'node', 'bin', 'node'), 0o755);

  mkdirSync(join(libDir, 'bin'));
  copyFileSync(join(repoRoot, 'deploy', 'agent', 'edge-agent'), join(libDir, 'bin', 'edge-agent'));
  chmodSync(join(libDir, 'bin', 'edge-agent'), 0o755);
  mkdirSync(join(libDir, 'libexec'));
  copyFileSync(join(repoRoot, 'deploy', 'agent', 'setup-host.sh'), join(libDir, 'libexec', 'setup-host.sh'));
  chmodSync(join(libDir, 'libexec', 'setup-host.sh'), 0o755);

  // One architecture per package: a stray binary for another machine would fail only on the box.
  const wrong = elfFiles(libDir).filter((f) => f.machine !== ELF_MACHINE[arch]);
  if (wrong.length > 0) throw new Error(`package for ${arch} holds ELF files for another machine: ${wrong.map((f) => f.path).join(', ')}`);
  return { nodeVersion, stripped };
}
