// The population bench's data set: one synthetic ICB, or several made in parallel worker
// threads (`concordat synth --icb A,B,…`) and put together into one folder the ingest reads.
// Synthetic person ids name their ICB (SYN-QUA-…), so the ICBs' rows need no renumbering.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../src/population/engines/duckdb.ts';
import { synthesiseIcbs } from '../src/population/synth-parallel.ts';

type Counts = Record<string, number>;

/** Makes the data set of `icbs` at `scale` in `dir` (seed 1), its manifest's counts summed over the ICBs. */
export async function makeBenchData(icbs: readonly string[], scale: number, dir: string): Promise<void> {
  if (icbs.length === 1) {
    await synthesiseIcbs('parquet', icbs, { out: dir, scale, seed: 1 });
    return;
  }
  const parts = join(dir, 'icbs');
  await synthesiseIcbs('parquet', icbs, { out: parts, scale, seed: 1 });
  const manifests = icbs.map((icb) => JSON.parse(readFileSync(join(parts, icb, 'manifest.json'), 'utf8')));
  const db = await DuckDbEngine.open();
  try {
    for (const table of ['persons', 'conditions', 'events']) {
      const files = icbs.map((icb) => `'${join(parts, icb, `${table}.parquet`).replaceAll("'", "''")}'`);
      const target = join(dir, `${table}.parquet`).replaceAll("'", "''");
      await db.run(
        `COPY (SELECT * FROM read_parquet([${files.join(', ')}])) TO '${target}' (FORMAT parquet)`,
      );
    }
  } finally {
    await db.close();
  }
  const counts: Counts = {};
  for (const m of manifests)
    for (const [key, n] of Object.entries(m.counts as Counts)) counts[key] = (counts[key] ?? 0) + n;
  const { icbOnsCode: _, ...first } = manifests[0];
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ ...first, icb: icbs.join(','), counts }, null, 2),
  );
  rmSync(parts, { recursive: true, force: true });
}
