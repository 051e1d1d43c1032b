// CPU and wall time of a fresh Node process, as a person at a terminal runs a command: the child
// preloads cpu-at-exit.mjs, which writes its own CPU time (every thread's, user + system) on exit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessSample {
  /** Milliseconds of CPU, every thread of the process together. */
  cpu: number;
  wall: number;
  /** The exit code (`concordat check` exits 1 when it has findings). */
  status: number | null;
  stderr: string;
}

const cpuFile = join(mkdtempSync(join(tmpdir(), 'concordat-bench-')), 'cpu');
process.on('exit', () => rmSync(cpuFile, { force: true }));

/** Runs `node <args>` to its end. */
export function sampleProcess(args: readonly string[]): ProcessSample {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', './bench/cpu-at-exit.mjs', ...args], {
    env: { ...process.env, CONCORDAT_CPU_FILE: cpuFile },
    encoding: 'utf8',
  });
  const wall = performance.now() - started;
  return { cpu: Number(readFileSync(cpuFile, 'utf8')), wall, status: child.status, stderr: child.stderr };
}
