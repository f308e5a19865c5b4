// ELF facts the packaging needs: which machine a file is for (a package must hold one architecture
// only) and stripping the symbol table from the Node binary (its .symtab and debug sections are
// ~18 MB that nothing on the box reads; N-API addons resolve against .dynsym, which strip keeps).
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { arch as hostArch } from 'node:process';
import { join } from 'node:path';

/** e_machine values (System V ABI, ELF header) of the architectures packaged. */
export const ELF_MACHINE = { x64: 62, arm64: 183 };
const TRIPLET = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' };

/** The ELF e_machine of a file, or null when it is not ELF. */
export function elfMachine(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(20);
    if (readSync(fd, head, 0, 20, 0) < 20 || head.readUInt32BE(0) !== 0x7f454c46) return null;
    return head[5] === 1 ? head.readUInt16LE(18) : head.readUInt16BE(18);
  } finally {
    closeSync(fd);
  }
}

/** Every ELF file under dir, with its machine. */
export function elfFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) found.push(...elfFiles(path));
    else if (st.isFile()) {
      const machine = elfMachine(path);
      if (machine !== null) found.push({ path, machine });
    }
  }
  return found;
}

/** A strip that understands arch: the cross binutils, or the host's own for the host's arch. */
function stripFor(arch) {
  for (const tool of [`${TRIPLET[arch]}-strip`, ...(hostArch === arch ? ['strip'] : [])]) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return tool;
    } catch {
      // not installed: try the next
    }
  }
  return null;
}

/** Strips path in place; returns false (and leaves it whole) when no strip for arch is installed. */
export function stripElf(path, arch) {
  const tool = stripFor(arch);
  if (!tool) return false;
  execFileSync(tool, ['--strip-unneeded', path]);
  return true;
}
