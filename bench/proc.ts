/** What Linux says about a process, from /proc: CPU time, memory, the open-file limit, the machine. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat's times (100 on Linux, asked once). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds used by a process, all its threads together. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // "pid (command) state ppid ...": the command may hold spaces, so split after its ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]); // field 14 of proc(5)
  const stime = Number(fields[12]); // field 15
  return (utime + stime) / clockTicks();
}

/** CPU seconds the whole machine spent busy (all cores, all processes), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!; // "cpu  user nice system idle iowait irq softirq steal ..."
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return (user + nice + system + irq + softirq + steal) / clockTicks();
}

/** The load average over the last minute: other work on the machine while the bench runs. */
export const loadAverage = (): number => os.loadavg()[0] ?? NaN;

export interface Memory {
  /** Resident memory now, and its peak since the process started (VmHWM), in bytes. */
  rss: number;
  peak: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** This process's limit of open files (soft, hard), from /proc/self/limits. */
export function openFileLimit(): { soft: number; hard: number } {
  try {
    const line = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    const value = (text: string | undefined) => (text === 'unlimited' ? Infinity : Number(text));
    return { soft: value(line?.[1]), hard: value(line?.[2]) };
  } catch {
    return { soft: NaN, hard: NaN };
  }
}

/** Can `command` run here? (Its version line, or null.) */
export function versionOf(command: string, args: string[]): string | null {
  try {
    const out = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 });
    return out.split('\n')[0]!.trim();
  } catch {
    return null;
  }
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  kernel: string;
  memoryGiB: number;
}

export function machine(): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

/** Is `taskset` (util-linux) here, to pin processes to cores? */
export const hasTaskset = (): boolean => versionOf('taskset', ['--version']) !== null;

/** Pin this process, all its threads, to `cores` ("1"). */
export function pinSelf(cores: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
