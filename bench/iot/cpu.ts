// CPU time of processes, read from /proc/<pid>/stat (utime + stime), so that a bench can print what each process of
// a run (server, broker, database, the bench itself) spent while it measured.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** The CPU seconds (user + system) process `pid` has used so far, or 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** The ids of the running processes with this executable name (empty when none). */
export function pidsOf(name: string): number[] {
  try {
    return execFileSync('pidof', [name]).toString().trim().split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

/** Named groups of processes (a group's ids are looked up at each reading: database backends come and go). */
export type Watched = Record<string, () => number[]>;

/**
 * Starts measuring the groups' CPU; `stop()` returns each group's use over the time since, as a percentage of one
 * core (200 % = two cores busy). A process born in between counts from zero; one gone in between is missed.
 */
export function cpuMeter(watched: Watched) {
  const read = () => {
    const seconds = new Map<number, number>();
    for (const pids of Object.values(watched)) for (const pid of pids()) seconds.set(pid, cpuSeconds(pid));
    return seconds;
  };
  const before = read();
  const started = performance.now();
  return {
    stop(): Record<string, number> {
      const wall = (performance.now() - started) / 1000;
      const usage: Record<string, number> = {};
      for (const [name, pids] of Object.entries(watched)) {
        let used = 0;
        for (const pid of pids()) used += cpuSeconds(pid) - (before.get(pid) ?? 0);
        usage[name] = (used / wall) * 100;
      }
      return usage;
    },
  };
}
