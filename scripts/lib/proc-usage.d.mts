// Types of proc-usage.mjs, for the tests' TypeScript (tsconfig.test.json has no allowJs).
/** A process and all its descendants. */
export function processTree(pid: number): number[];
/** Resident memory (MiB) and CPU seconds (reaped children included) of a process and its descendants. */
export function treeUsage(pid: number): { rssMiB: number; cpuS: number; at: number };
/** CPU seconds of each thread of one process, by thread id (the main thread's id is the pid). */
export function threadCpu(pid: number): Map<number, number>;
