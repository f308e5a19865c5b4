// One `edge-agent run` per state directory. Two processes on one directory take the same seqs and
// append to the same queue segment at the same offsets, which destroys records neither can tell
// apart from a torn write. run.lock holds the owner's pid and, on Linux, its start time from
// /proc/<pid>/stat (field 22, proc(5)), so a pid reused after a reboot or a crash is not taken for
// a live owner. The file is created with O_EXCL, so of two processes starting at once one wins.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AgentError } from './errors.js';
import { STATE_FILES } from './state-files.js';

interface Owner {
  pid: number;
  startTime: string | null;
}

export class RunLock {
  readonly path: string;
  #held = true;

  private constructor(path: string) {
    this.path = path;
  }

  /** Takes the state directory's lock, or throws EDGE_AGENT_ERR_ALREADY_RUNNING naming the owner. */
  static acquire(stateDir: string): RunLock {
    const path = join(stateDir, STATE_FILES.runLock);
    for (let attempt = 0; attempt < 2; attempt++) {
      const me: Owner = { pid: process.pid, startTime: startTimeOf(process.pid) };
      let fd: number;
      try {
        fd = openSync(path, 'wx', 0o644);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new AgentError('EDGE_AGENT_ERR_STATE_DIR', `cannot create ${path}: ${(err as Error).message}`, { cause: err });
        }
        const owner = readOwner(path);
        if (owner && isLive(owner)) {
          throw new AgentError(
            'EDGE_AGENT_ERR_ALREADY_RUNNING',
            `another edge-agent run (pid ${owner.pid}) uses ${stateDir}; stop it first, or give this one its own --state-dir`,
          );
        }
        rmSync(path, { force: true }); // left by a process that is gone
        continue;
      }
      try {
        writeSync(fd, `${JSON.stringify(me)}\n`);
      } finally {
        closeSync(fd);
      }
      return new RunLock(path);
    }
    throw new AgentError('EDGE_AGENT_ERR_ALREADY_RUNNING', `${path} keeps reappearing: another edge-agent is starting on ${stateDir}`);
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    const owner = readOwner(this.path);
    if (owner?.pid === process.pid) rmSync(this.path, { force: true });
  }
}

function readOwner(path: string): Owner | null {
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    if (!Number.isInteger(raw.pid) || (raw.pid as number) <= 0) return null;
    return { pid: raw.pid as number, startTime: typeof raw.startTime === 'string' ? raw.startTime : null };
  } catch {
    return null; // unreadable or half-written by a process that died: nobody holds it
  }
}

function isLive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user (the service user); that still means alive.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTimeOf(owner.pid);
  return owner.startTime === null || now === null || now === owner.startTime;
}

/** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22), or null off Linux. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
