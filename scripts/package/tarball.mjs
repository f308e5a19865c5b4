// The tarball for distributions without dpkg: edge-agent-<version>-linux-<arch>/ with the staged
// tree as lib/, the unit, the default settings, ARCH (uname -m it is for) and install.sh
// (deploy/agent/install.sh), which does what the .deb's maintainer scripts do.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const UNAME_M = { x64: 'x86_64', arm64: 'aarch64' };

/** Builds edge-agent-<version>-linux-<arch>.tar.gz in outDir from the staged tree libDir; returns its path. */
export function buildTarball({ repoRoot, libDir, workDir, outDir, arch, version }) {
  const name = `edge-agent-${version}-linux-${arch}`;
  const top = join(workDir, `tar-${arch}`, name);
  cpSync(libDir, join(top, 'lib'), { recursive: true, verbatimSymlinks: true });
  for (const [from, to] of [
    [join('deploy', 'agent', 'install.sh'), 'install.sh'],
    [join('deploy', 'agent', 'config.json'), 'config.json'],
    [join('deploy', 'edge-agent.service'), 'edge-agent.service'],
    [join('agent', 'README.md'), 'README.md'],
  ]) {
    copyFileSync(join(repoRoot, from), join(top, to));
  }
  chmodSync(join(top, 'install.sh'), 0o755);
  writeFileSync(join(top, 'ARCH'), `${UNAME_M[arch]}\n`);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${name}.tar.gz`);
  const epoch = process.env.SOURCE_DATE_EPOCH ?? '0';
  execFileSync('tar', [
    '--sort=name',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    `--mtime=@${epoch}`,
    '-I',
    // gzip -6: within 1 % of -9 on these binaries, in a third of the time.
    'gzip -6n',
    '-cf',
    out,
    '-C',
    join(workDir, `tar-${arch}`),
    name,
  ]);
  return out;
}
