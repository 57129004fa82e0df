/** What Linux's /proc says of a server process: the CPU time it has used and its resident memory. */
import { readFileSync } from 'node:fs';

/** /proc/<pid>/stat counts CPU time in clock ticks of 10 ms (CLK_TCK is 100 on Linux). */
const MS_PER_TICK = 10;

/** User plus system CPU time of `pid` so far, all its threads, in ms. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count the fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** VmRSS of `pid`, in bytes: the resident memory a user sees in top. */
export function rssBytes(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
}

/** `run()`'s result with the CPU time `pid` spent meanwhile: in all, and in µs per request completed. */
export async function withCpuTime(pid, run) {
  const before = cpuMs(pid);
  const result = await run();
  const ms = cpuMs(pid) - before;
  return { ...result, cpuMs: ms, cpuUsPerRequest: result.total > 0 ? (ms * 1000) / result.total : NaN };
}
