// CLI start benchmark (issue 15). Target on this machine: `concordat --help` and `concordat
// check` on the Dudley example each cost at most 3 × the CPU time of `node -e 0`, i.e. the
// compiled CLI loads little more than the code the command uses.
// Each command runs in a fresh process, as a person at a terminal runs it, alternating with
// `node -e 0` so both meet the same machine; the median CPU time (user + system, from the
// child's resource usage) is compared. Wall time and the load average are printed beside it.
// `--strict` exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { buildCliIfStale } from '../scripts/build-node.mjs';
import { type ProcessSample, sampleProcess } from './process-cpu.ts';

const strict = process.argv.includes('--strict');
const runs = Number(process.env.CONCORDAT_BENCH_RUNS ?? 15);
const target = 3;
const cli = 'dist/cli/main.js';

await buildCliIfStale();
// One untimed run, so the compiled rulebook is current before timing.
spawnSync(process.execPath, [cli, 'check', 'examples/dudley-integrated-care.yaml']);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const commands: [string, string[]][] = [
  ['concordat --help', [cli, '--help']],
  [
    'concordat check examples/dudley-integrated-care.yaml',
    [cli, 'check', 'examples/dudley-integrated-care.yaml'],
  ],
];

let missed = 0;
for (const [name, args] of commands) {
  const base: ProcessSample[] = [];
  const command: ProcessSample[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(sampleProcess(['-e', '0']));
    command.push(sampleProcess(args));
  }
  const ratio = median(command.map((s) => s.cpu)) / median(base.map((s) => s.cpu));
  const ok = ratio <= target;
  if (!ok) missed++;
  console.log(
    `${name}: ${median(command.map((s) => s.cpu)).toFixed(0)} ms CPU (${median(command.map((s) => s.wall)).toFixed(0)} ms wall) against node -e 0 ${median(base.map((s) => s.cpu)).toFixed(0)} ms CPU: ${ratio.toFixed(2)}× (target ≤ ${target}×) ${ok ? 'met' : 'MISSED'}`,
  );
}
console.log(
  `median of ${runs} runs each; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
if (strict && missed) process.exit(1);
