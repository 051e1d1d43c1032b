import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { registeredBySingleAge } from '../system/reference-tables.ts';
import { DuckDbEngine } from './engines/duckdb.ts';
import { ingest } from './ingest.ts';
import { syntheticLabel } from './model.ts';
import { synthesise } from './synth.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function make(seed: number, name: string) {
  const out = join(tmpdir(), `concordat-synth-${process.pid}-${name}`);
  dirs.push(out);
  const result = await synthesise({ icb: 'QUA', out, seed, scale: 0.002, format: 'csv' });
  return { out, result };
}

describe('synthetic population', () => {
  it('is the same for the same seed, different for another, and says it is synthetic', async () => {
    const a = await make(11, 'a');
    const b = await make(11, 'b');
    const c = await make(12, 'c');
    const read = (dir: string) => readFileSync(join(dir, 'events.csv'), 'utf8');
    expect(read(a.out)).toBe(read(b.out));
    expect(read(a.out)).not.toBe(read(c.out));
    expect(a.result.manifest.synthetic).toBe(true);
    expect(readFileSync(join(a.out, 'README.txt'), 'utf8')).toContain(syntheticLabel);
    expect(readFileSync(join(a.out, 'persons.csv'), 'utf8').split('\n')[1]).toMatch(/^SYN-/);

    // Calibration: the registered population by sex and age band matches the published ICB
    // figures (PCNs plus practices in no PCN) scaled down (within sampling error), and the files pass ingest's checks.
    const db = await DuckDbEngine.open();
    try {
      await ingest(db, a.out);
      const ours =
        await db.query(`SELECT sex, least((2026 * 12 + 8 - (birth_year * 12 + birth_month)) // 120, 9) AS band, count(*)
        FROM persons WHERE death_date > DATE '2026-08-01' AND practice_code <> '' GROUP BY ALL ORDER BY 1, 2`);
      const real = new Map<string, number>();
      for (const c of registeredBySingleAge((type, org) => type === 'ICB' && org === 'QUA')) {
        const band = `${c.sex},${Math.min(Math.floor(c.age / 10), 9)}`;
        real.set(band, (real.get(band) ?? 0) + c.patients);
      }
      expect(ours.map((row) => `${row[0]},${row[1]}`)).toEqual([...real.keys()]);
      ours.forEach((row) => {
        const expected = Number(real.get(`${row[0]},${row[1]}`)) * 0.002;
        expect(Math.abs(Number(row[2]) - expected)).toBeLessThan(4 * Math.sqrt(expected) + 2);
      });
    } finally {
      await db.close();
    }
  }, 120_000);

  it('refuses an unknown ICB', async () => {
    await expect(synthesise({ icb: 'ZZZ', out: join(tmpdir(), 'never'), scale: 0.001 })).rejects.toThrow(
      InvalidInput,
    );
  });
});
