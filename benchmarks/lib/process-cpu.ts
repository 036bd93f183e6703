// CPU time of other processes (nats-server, child nodes) read from Linux /proc/<pid>/stat, so a
// variant that moves work into a helper process is not reported as cheaper than it is. On
// systems without /proc the reading is absent and the tables leave the column empty.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100; // the Linux default (USER_HZ)
    }
    if (!(ticksPerSecond > 0)) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** User + system CPU time of a process in microseconds, or undefined if it cannot be read. */
export function processCpuMicros(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // proc(5): fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1_000_000) / clockTicks();
}

/** Sum over several processes; undefined when none of them can be read. */
export function totalCpuMicros(pids: readonly number[]): number | undefined {
  let total: number | undefined;
  for (const pid of pids) {
    const micros = processCpuMicros(pid);
    if (micros !== undefined) total = (total ?? 0) + micros;
  }
  return total;
}
