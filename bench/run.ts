// Runs every benchmark (bench/*.bench.ts) one after another, each in its own process so
// one benchmark's memory and JIT state do not colour the next. Speed targets live here,
// never in timed tests.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const args = process.argv.slice(2);
// Names choose benchmarks; flags (such as --strict) are passed on to each of them.
const only = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  try {
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`, ...flags], {
      stdio: 'inherit',
    });
  } catch {
    console.log(`${file} did not meet its targets`);
    process.exitCode = 1;
  }
}
