// Memory and CPU of a process tree, read from /proc (Linux). One reader for the fleet benchmark and
// the tests that judge a process by the CPU it spent rather than by the wall clock, which a loaded
// machine stretches.
import { readdirSync, readFileSync } from 'node:fs';

const USER_HZ = 100; // sysconf(_SC_CLK_TCK) on Linux: /proc/<pid>/stat counts CPU time in these ticks

/** A process and all its descendants, from each thread's `children` file (Linux 3.5+). */
export function processTree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${pids[i]}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        pids.push(...readFileSync(`/proc/${pids[i]}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
      } catch {
        /* the thread ended */
      }
    }
  }
  return pids;
}

/**
 * Resident memory (MiB) and CPU seconds of a process summed with all its descendants. CPU includes
 * descendants already reaped (cutime, cstime), so a child that exits takes nothing away.
 */
export function treeUsage(pid) {
  let rssMiB = 0;
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      rssMiB += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(stat[11]) + Number(stat[12]) + Number(stat[13]) + Number(stat[14]); // utime stime cutime cstime
    } catch {
      /* exited between the listing and the read */
    }
  }
  return { rssMiB, cpuS: ticks / USER_HZ, at: Date.now() };
}

/**
 * CPU seconds of each thread of one process, by thread id. On Linux the main thread's id is the
 * process id, so a test can tell work done on the main thread from work done on a worker.
 */
export function threadCpu(pid) {
  const out = new Map();
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(Number(t), (Number(stat[11]) + Number(stat[12])) / USER_HZ); // utime stime
    } catch {
      /* the thread ended between the listing and the read */
    }
  }
  return out;
}
