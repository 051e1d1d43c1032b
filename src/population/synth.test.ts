import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { lsoaDeprivation, registeredBySingleAge } from '../system/reference-tables.ts';
import { type AgeRates, englandEmergencyRates, englandOutpatientRates } from './activity-rates.ts';
import { DuckDbEngine } from './engines/duckdb.ts';
import { ethnicGroupOf } from './ethnic-category.ts';
import { writeForeign } from './formats/write.ts';
import { ingest } from './ingest.ts';
import { syntheticLabel } from './model.ts';
import { synthesise } from './synth.ts';
import { synthesiseIcbs } from './synth-parallel.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const scratch = (name: string) => {
  const dir = join(tmpdir(), `concordat-synth-${process.pid}-${name}`);
  dirs.push(dir);
  return dir;
};

async function make(seed: number, name: string, scale = 0.002) {
  const out = scratch(name);
  const result = await synthesise({ icb: 'QUA', out, seed, scale, format: 'csv' });
  return { out, result };
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('synthetic population', () => {
  it('is the same for the same seed, different for another, and says it is synthetic', async () => {
    const a = await make(11, 'a');
    const b = await make(11, 'b');
    const c = await make(12, 'c');
    expect(read(a.out, 'events.csv')).toBe(read(b.out, 'events.csv'));
    expect(read(a.out, 'events.csv')).not.toBe(read(c.out, 'events.csv'));
    expect(a.result.manifest.synthetic).toBe(true);
    expect(read(a.out, 'README.txt')).toContain(syntheticLabel);
    expect(read(a.out, 'persons.csv').split('\n')[1]).toMatch(/^SYN-QUA-00000001,/);

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

  it('writes Parquet that ingests to the same tables as its CSV, with the column types ingest expects', async () => {
    const csv = scratch('same-csv');
    const parquet = scratch('same-parquet');
    await synthesise({ icb: 'QUA', out: csv, seed: 7, scale: 0.002, format: 'csv' });
    // Small row groups, so that each table has several, each with its own person ids.
    const parquetRowGroup = 1_000;
    const made = await synthesise({
      icb: 'QUA',
      out: parquet,
      seed: 7,
      scale: 0.002,
      parquetRowGroup,
    });
    expect(made.files.map((f) => f.slice(parquet.length + 1))).toEqual([
      'persons.parquet',
      'conditions.parquet',
      'events.parquet',
    ]);
    const again = scratch('same-parquet-again');
    await synthesise({ icb: 'QUA', out: again, seed: 7, scale: 0.002, parquetRowGroup });
    expect(readFileSync(join(again, 'events.parquet'))).toEqual(
      readFileSync(join(parquet, 'events.parquet')),
    );

    const db = await DuckDbEngine.open();
    try {
      const types = async (table: string) =>
        (await db.query(`DESCRIBE SELECT * FROM read_parquet('${join(parquet, `${table}.parquet`)}')`)).map(
          (row) => `${row[0]} ${row[1]}`,
        );
      expect(await types('persons')).toEqual([
        'person_id VARCHAR',
        'birth_year INTEGER',
        'birth_month INTEGER',
        'sex VARCHAR',
        'practice_code VARCHAR',
        'registered_from DATE',
        'registered_to DATE',
        'lsoa VARCHAR',
        'imd_decile INTEGER',
        'death_date DATE',
        'ethnicity VARCHAR',
      ]);
      expect(await types('conditions')).toEqual([
        'person_id VARCHAR',
        'condition VARCHAR',
        'onset_date DATE',
      ]);
      expect(await types('events')).toEqual([
        'person_id VARCHAR',
        'event_date DATE',
        'setting VARCHAR',
        'cost_pence INTEGER',
      ]);
      const tables = async (dir: string) => {
        await ingest(db, dir);
        const rows: Record<string, string> = {};
        for (const table of ['persons', 'conditions', 'events']) {
          rows[table] = JSON.stringify(await db.query(`SELECT * FROM ${table} ORDER BY ALL`), (_, v) =>
            typeof v === 'bigint' ? String(v) : v,
          );
        }
        return rows;
      };
      const fromCsv = await tables(csv);
      const fromParquet = await tables(parquet);
      // Ingest reads a missing practice as empty and missing dates as its open-ended ones, from
      // an empty CSV field and a Parquet null alike: unregistered residents and deaths both occur.
      expect(fromCsv.persons).toMatch(/"[MF]","","1970-01-01","2099-12-31",/);
      expect(fromCsv.persons).toMatch(/,"20[12]\d-\d\d-\d\d","[A-Z]"\]/);
      for (const table of ['persons', 'conditions', 'events']) {
        // Compared as one string each, so a difference does not print the whole table.
        expect(fromParquet[table] === fromCsv[table], `${table} differ`).toBe(true);
      }
      expect(made.manifest.counts.events).toBe(
        (await db.query('SELECT count(*) FROM events')).map((r) => Number(r[0]))[0],
      );
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

describe('a fiftieth of NHS Black Country', () => {
  const db = DuckDbEngine.open();
  beforeAll(async () => {
    const { out } = await make(7, 'fiftieth', 0.02);
    await ingest(await db, out);
  }, 120_000);
  afterAll(async () => (await db).close());

  /** SQL for the index of an age's band in `rates` (its starts: 0, 1, 5 … or 0, 5, 10 …). */
  const band = (rates: AgeRates, age: string) =>
    `CASE ${rates.starts
      .slice(1)
      .map((start, i) => `WHEN ${age} < ${start} THEN ${i}`)
      .join(' ')} ELSE ${rates.starts.length - 1} END`;
  const monthStart = (m: string) =>
    `make_date(CAST(${m} // 12 AS INTEGER), CAST(${m} % 12 + 1 AS INTEGER), 1)`;

  /**
   * Person-years and events of `setting` by the bands of `rates`, worked out independently of the
   * generator: person-time month by month over the two years of activity (to death), and events
   * by age on their day.
   */
  async function byBand(setting: string, rates: AgeRates) {
    const rows = await (await db).query(`
      WITH p AS (SELECT person_id, birth_year * 12 + birth_month - 1 AS born, death_date FROM persons),
      m AS (SELECT 2024 * 12 + 7 + range AS month FROM range(24)),
      t AS (SELECT ${band(rates, '(month - born) // 12')} AS band,
          date_diff('day', ${monthStart('month')}, least(death_date, ${monthStart('month')} + INTERVAL 1 MONTH)) AS days
        FROM p, m WHERE born <= month AND death_date > ${monthStart('month')}),
      years AS (SELECT band, sum(days) / 365.25 AS years FROM t GROUP BY band),
      happened AS (SELECT ${band(rates, '(year(event_date) * 12 + month(event_date) - 1 - born) // 12')} AS band, count(*) AS n
        FROM events JOIN p USING (person_id) WHERE setting = '${setting}' GROUP BY band)
      SELECT band, years, coalesce(n, 0) FROM years LEFT JOIN happened USING (band) ORDER BY band`);
    expect(rows.map((r) => r[0])).toEqual(rates.labels.map((_, i) => i));
    return rows.map((r) => ({ years: Number(r[1]), events: Number(r[2]) }));
  }

  /** Stated tolerance: each band within four Poisson standard errors (plus two) of England's rate. */
  function expectEngland(rows: { years: number; events: number }[], rates: AgeRates) {
    rows.forEach((row, i) => {
      const expected = (rates.perYear[i] as number) * row.years;
      expect(Math.abs(row.events - expected), `${rates.file}, age ${rates.labels[i]}`).toBeLessThan(
        4 * Math.sqrt(expected) + 2,
      );
    });
  }

  it("has England's emergency admissions by age band, with the infant peak", async () => {
    const rows = await byBand('emergency', englandEmergencyRates);
    expectEngland(rows, englandEmergencyRates);
    const rate = rows.map((r) => r.events / r.years);
    // Infants are admitted about three times as often as children of 1–4, and more than anyone under 80.
    expect(rate[0]).toBeGreaterThan(2.5 * (rate[1] as number));
    expect(rate[0]).toBeGreaterThan(Math.max(...rate.slice(1, 17)));
  });

  it("has England's outpatient attendances by age band, most in the eighties", async () => {
    const rows = await byBand('outpatient', englandOutpatientRates);
    expectEngland(rows, englandOutpatientRates);
    const rate = rows.map((r) => r.events / r.years);
    expect(englandOutpatientRates.labels[rate.indexOf(Math.max(...rate))]).toMatch(/^8[05]-8[49]$/);
  });

  it("has each borough's Census 2021 ethnic mix: Sandwell's and Dudley's", async () => {
    const laOf = new Map(lsoaDeprivation().map((l) => [l.lsoa, l.localAuthority]));
    const people = await (await db).query(`SELECT lsoa, ethnicity FROM persons`);
    const counts = new Map<string, Map<string, number>>();
    for (const [lsoa, code] of people) {
      const la = laOf.get(String(lsoa)) ?? '';
      const byGroup = counts.get(la) ?? new Map<string, number>();
      const group = ethnicGroupOf(String(code));
      byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
      counts.set(la, byGroup);
    }
    // Census 2021 TS021, usual residents: Asian, Black, Mixed, White, Other.
    const census: Record<string, number[]> = {
      E08000028: [88_024, 29_779, 14_680, 195_624, 13_725], // Sandwell
      E08000027: [27_047, 8_170, 9_191, 274_596, 4_484], // Dudley
    };
    for (const [la, residents] of Object.entries(census)) {
      const got = counts.get(la) as Map<string, number>;
      const n = [...got.values()].reduce((a, b) => a + b, 0);
      const total = residents.reduce((a, b) => a + b, 0);
      ['asian', 'black', 'mixed', 'white', 'other'].forEach((group, g) => {
        const p = (residents[g] as number) / total;
        // Stated tolerance: four binomial standard errors of the borough's census share.
        expect(Math.abs((got.get(group) ?? 0) / n - p), `${la} ${group}`).toBeLessThan(
          4 * Math.sqrt((p * (1 - p)) / n),
        );
      });
    }
    // The boroughs differ as the census says: a quarter of Sandwell is Asian, a twelfth of Dudley.
    const asian = (la: string) => {
      const got = counts.get(la) as Map<string, number>;
      return (got.get('asian') ?? 0) / [...got.values()].reduce((a, b) => a + b, 0);
    };
    expect(asian('E08000028')).toBeGreaterThan(2 * asian('E08000027'));
  });

  it("lives in the IMD deciles of the ICB's LSOAs", async () => {
    // NHS Black Country's four boroughs: Dudley, Sandwell, Walsall and Wolverhampton.
    const boroughs = new Set(['E08000027', 'E08000028', 'E08000030', 'E08000031']);
    const lsoaCounts = new Map<number, number>();
    for (const l of lsoaDeprivation()) {
      if (boroughs.has(l.localAuthority)) lsoaCounts.set(l.decile, (lsoaCounts.get(l.decile) ?? 0) + 1);
    }
    const lsoas = [...lsoaCounts].sort(([a], [b]) => a - b);
    const people = await (await db).query(
      `SELECT imd_decile, count(*) FROM persons WHERE death_date > DATE '2026-08-01' GROUP BY 1 ORDER BY 1`,
    );
    const share = (rows: typeof people) => {
      const total = rows.reduce((sum, r) => sum + Number(r[1]), 0);
      return rows.map((r) => (100 * Number(r[1])) / total);
    };
    const target = share(lsoas);
    const ours = share(people);
    expect((target[0] as number) + (target[1] as number)).toBeCloseTo(45.6, 1);
    ours.forEach((percent, d) => {
      expect(Math.abs(percent - (target[d] as number)), `decile ${d + 1}`).toBeLessThan(1.5);
    });
  });
});

describe('two ICBs made together', () => {
  it('are made in parallel exactly as alone, and put together clash in no id', async () => {
    const out = scratch('two');
    const results = await synthesiseIcbs('csv', ['QUA', 'QSL'], { out, seed: 5, scale: 0.002 });
    expect(results.map((r) => r.manifest.icb)).toEqual(['QUA', 'QSL']);
    const alone = scratch('alone');
    await synthesise({ icb: 'QSL', out: alone, seed: 5, scale: 0.002, format: 'csv' });
    for (const file of ['persons.csv', 'conditions.csv', 'events.csv']) {
      expect(read(join(out, 'QSL'), file)).toBe(read(alone, file));
    }

    const column = (dir: string, file: string, name: string) => {
      const [header, ...lines] = read(dir, file).trim().split('\n');
      const at = (header as string).split(',').indexOf(name);
      return lines.map((line) => line.split(',')[at] as string);
    };
    const expectDisjoint = (a: string[], b: string[]) => {
      expect(new Set(a).size).toBe(a.length);
      expect(new Set(b).size).toBe(b.length);
      expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
    };
    const qua = join(out, 'QUA');
    const qsl = join(out, 'QSL');
    expectDisjoint(column(qua, 'persons.csv', 'person_id'), column(qsl, 'persons.csv', 'person_id'));
    expect(column(qsl, 'persons.csv', 'person_id')[0]).toBe('SYN-QSL-00000001');

    // OMOP's integer person, location and care site ids fall in each ICB's own range (ONS
    // E54000062 and E54000038); visit and condition ids run from 1 in each (synthetic-ids.ts).
    const omop = (icb: string) => join(out, `${icb}-omop`);
    await writeForeign('omop', qua, omop('QUA'), '2026-08-01');
    await writeForeign('omop', qsl, omop('QSL'), '2026-08-01');
    for (const [file, name] of [
      ['person.csv', 'person_id'],
      ['observation_period.csv', 'observation_period_id'],
      ['location.csv', 'location_id'],
      ['care_site.csv', 'care_site_id'],
    ]) {
      expectDisjoint(
        column(omop('QUA'), file as string, name as string),
        column(omop('QSL'), file as string, name as string),
      );
    }
    const personIds = column(omop('QUA'), 'person.csv', 'person_id').map(Number);
    expect(Math.min(...personIds)).toBe(620_000_001);
    expect(Math.max(...personIds)).toBeLessThan(2 ** 31);
    expect(column(omop('QSL'), 'person.csv', 'person_id')[0]).toBe('380000001');

    const fhir = (icb: string) => join(out, `${icb}-fhir`);
    await writeForeign('fhir', qua, fhir('QUA'), '2026-08-01');
    await writeForeign('fhir', qsl, fhir('QSL'), '2026-08-01');
    const fhirIds = (icb: string, file: string) =>
      read(fhir(icb), file)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id as string);
    for (const file of ['Patient.ndjson', 'Encounter.ndjson', 'Condition.ndjson']) {
      expectDisjoint(fhirIds('QUA', file), fhirIds('QSL', file));
    }
  }, 240_000);
});
