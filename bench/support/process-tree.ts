/**
 * Measures processes from outside: the resident memory of a process and all its descendants (read from
 * /proc, Linux), and the time until an HTTP URL answers 200.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) may hold spaces: fields start after its closing parenthesis.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  for (let queue = [root]; queue.length;) {
    const pid = queue.shift()!;
    out.push(pid);
    queue = queue.concat(children.get(pid) ?? []);
  }
  return out;
}

function kB(file: string, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface TreeMemory {
  processes: number;
  /** Each process: its command name and resident set. */
  each: { name: string; rssMB: number }[];
  /** Sum of each process's resident set (pages shared between processes counted in each). */
  rssMB: number;
  /** Proportional set size: shared pages split between the processes that share them. */
  pssMB: number;
}

export function treeMemory(root: number): TreeMemory {
  const pids = processTree(root);
  const rss = pids.reduce((n, pid) => n + kB(`/proc/${pid}/status`, 'VmRSS'), 0);
  const pss = pids.reduce((n, pid) => n + kB(`/proc/${pid}/smaps_rollup`, 'Pss'), 0);
  const name = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return '?';
    }
  };
  const each = pids.map((pid) => ({ name: name(pid), rssMB: kB(`/proc/${pid}/status`, 'VmRSS') / 1024 }));
  return { processes: pids.length, each, rssMB: rss / 1024, pssMB: pss / 1024 };
}

/** Milliseconds until `url` answers 200 (polled every 50 ms); throws after `timeoutMs` or if `alive()` turns false. */
export async function timeUntilUp(url: string, o: { timeoutMs: number; alive: () => boolean }): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < o.timeoutMs) {
    if (!o.alive()) throw new Error(`the process exited before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer within ${o.timeoutMs} ms`);
}
