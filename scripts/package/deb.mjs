// The .deb: the staged tree under /usr/lib/edge-agent, /usr/bin/edge-agent, the unit in
// /lib/systemd/system, the settings file as a conffile, and the maintainer scripts of deploy/agent/,
// built with dpkg-deb (deb(5), deb-control(5); Debian Policy ch. 6 for the scripts' arguments).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEB_ARCH = { x64: 'amd64', arm64: 'arm64' };

// What the shipped binaries link: glibc 2.28 (the newest GLIBC_ symbol in node and libonnxruntime),
// libstdc++ with GLIBCXX_3.4.22 (GCC 6), libgcc_s; useradd comes from passwd.
const DEPENDS = 'libc6 (>= 2.28), libstdc++6 (>= 6), libgcc-s1 | libgcc1, passwd';

function duKiB(dir) {
  return Number(execFileSync('du', ['-sk', '--apparent-size', dir], { encoding: 'utf8' }).split('\t')[0]);
}

/**
 * Builds edge-agent_<version>_<debarch>.deb in outDir from the staged tree libDir (stage.mjs);
 * returns its path. compression: dpkg-deb's -Z (xz for releases: Debian 10 and later read it).
 */
export function buildDeb({ repoRoot, libDir, workDir, outDir, arch, version, nodeVersion, compression = 'xz' }) {
  const root = join(workDir, `deb-${arch}`);
  cpSync(libDir, join(root, 'usr', 'lib', 'edge-agent'), { recursive: true, verbatimSymlinks: true });
  mkdirSync(join(root, 'usr', 'bin'), { recursive: true });
  symlinkSync('../lib/edge-agent/bin/edge-agent', join(root, 'usr', 'bin', 'edge-agent'));
  mkdirSync(join(root, 'lib', 'systemd', 'system'), { recursive: true });
  copyFileSync(join(repoRoot, 'deploy', 'edge-agent.service'), join(root, 'lib', 'systemd', 'system', 'edge-agent.service'));
  mkdirSync(join(root, 'etc', 'edge-agent'), { recursive: true });
  copyFileSync(join(repoRoot, 'deploy', 'agent', 'config.json'), join(root, 'etc', 'edge-agent', 'config.json'));
  mkdirSync(join(root, 'usr', 'share', 'doc', 'edge-agent'), { recursive: true });
  writeFileSync(
    join(root, 'usr', 'share', 'doc', 'edge-agent', 'copyright'),
    [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      'Upstream-Name: edgenet edge agent',
      '',
      'Files: usr/lib/edge-agent/dist/* usr/lib/edge-agent/bin/* usr/lib/edge-agent/libexec/* usr/lib/edge-agent/models/*',
      'License: Apache-2.0',
      '',
      'Files: usr/lib/edge-agent/node/*',
      'License: Expat and others, see usr/lib/edge-agent/node/LICENSE',
      '',
      'Files: usr/lib/edge-agent/node_modules/*',
      'License: Expat (onnxruntime)',
      '',
    ].join('\n'),
  );

  const debian = join(root, 'DEBIAN');
  mkdirSync(debian);
  const control = [
    'Package: edge-agent',
    `Version: ${version}`,
    `Architecture: ${DEB_ARCH[arch]}`,
    'Maintainer: edgenet maintainers <maintainers@edgenet.invalid>',
    `Installed-Size: ${duKiB(root)}`,
    `Depends: ${DEPENDS}`,
    // The agent attests with a TPM 2.0 through these where the box has one (docs/tpm.md); without
    // them it enrolls as software and doctor says why.
    'Recommends: tpm2-tools',
    'Section: net',
    'Priority: optional',
    'Description: edgenet edge agent (东莞市边端智算网络 edge node)',
    ' Enrolls this device with the edgenet platform and sends its signed heartbeats',
    ' over MQTT, with a store-and-forward queue on disk. Ships its own Node.js',
    ` ${nodeVersion} runtime and onnxruntime for this architecture: nothing is`,
    ' downloaded at install.',
    '',
  ].join('\n');
  writeFileSync(join(debian, 'control'), control);
  writeFileSync(join(debian, 'conffiles'), '/etc/edge-agent/config.json\n');
  for (const script of ['preinst', 'postinst', 'prerm', 'postrm']) {
    const text = readFileSync(join(repoRoot, 'deploy', 'agent', script), 'utf8').replaceAll('@VERSION@', version);
    writeFileSync(join(debian, script), text);
    chmodSync(join(debian, script), 0o755);
  }
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `edge-agent_${version}_${DEB_ARCH[arch]}.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '-z6', '--build', root, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}
