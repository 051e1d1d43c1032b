// Runs every benchmark (bench/*.bench.ts) one after another, each in its own process so
// one benchmark's memory and JIT state do not colour the next. Speed targets live here,
// never in timed tests.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`], { stdio: 'inherit' });
}
