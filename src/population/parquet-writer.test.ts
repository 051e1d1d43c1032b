import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from './engines/duckdb.ts';
import { type ParquetColumn, ParquetWriter, plainStrings } from './parquet-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'concordat-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns: ParquetColumn[] = [
  { name: 'code', kind: { type: 'text', labels: ['a', 'bé', ''] }, optional: true },
  { name: 'n', kind: { type: 'int32' }, optional: false },
  { name: 'day', kind: { type: 'date' }, optional: true },
  { name: 'id', kind: { type: 'text', labels: [] }, optional: false },
];

async function read(path: string): Promise<{ types: string[]; rows: unknown[][] }> {
  const db = await DuckDbEngine.open();
  try {
    const types = (await db.query(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).map(
      (r) => `${r[0]} ${r[1]}`,
    );
    const rows = await db.query(
      `SELECT code, n, strftime(day, '%Y-%m-%d'), id FROM read_parquet('${path}') ORDER BY n`,
    );
    return { types, rows };
  } finally {
    await db.close();
  }
}

describe('the Parquet writer', () => {
  it('writes text, whole numbers, dates and nulls that DuckDB reads back, over many row groups', async () => {
    const path = join(dir, 'many.parquet');
    const writer = new ParquetWriter(path, columns);
    const expected: unknown[][] = [];
    // 40 row groups of up to 7 rows: more than 15, so the footer's long list form is used too.
    for (let g = 0; g < 40; g++) {
      const rows = g % 7;
      const values = columns.map(() => new Int32Array(rows));
      const ids = Array.from({ length: rows }, (_, r) => `g${g}r${r}`);
      for (let r = 0; r < rows; r++) {
        const n = g * 10 + r;
        const code = n % 4 === 3 ? -1 : n % 3;
        const day = n % 5 === 0 ? 0 : 19_000 + n;
        (values[0] as Int32Array)[r] = code;
        (values[1] as Int32Array)[r] = -n;
        (values[2] as Int32Array)[r] = day;
        (values[3] as Int32Array)[r] = r;
        expected.push([
          code < 0 ? null : ['a', 'bé', ''][code],
          -n,
          day ? new Date(day * 86_400_000).toISOString().slice(0, 10) : null,
          ids[r],
        ]);
      }
      writer.rowGroup(rows, values, [undefined, undefined, undefined, plainStrings(ids)]);
    }
    writer.close();
    const { types, rows } = await read(path);
    expect(types).toEqual(['code VARCHAR', 'n INTEGER', 'day DATE', 'id VARCHAR']);
    expect(rows).toEqual(expected.sort((a, b) => (a[1] as number) - (b[1] as number)));
    // A second, independent reader: ClickHouse's (Arrow's C++ Parquet reader, through chDB).
    const clickHouse = new Session();
    try {
      const answer = clickHouse.query(
        `SELECT code, n, toString(day), id FROM file('${path}', Parquet) ORDER BY n`,
        'JSONCompact',
      );
      expect(JSON.parse(answer).data).toEqual(rows);
    } finally {
      clickHouse.close();
    }
  });

  it('reads back long runs, bit-packed stretches, numbers too far apart for a dictionary, and a column of nulls', async () => {
    const path = join(dir, 'runs.parquet');
    const writer = new ParquetWriter(path, [
      { name: 'code', kind: { type: 'text', labels: ['a', 'b', 'c'] }, optional: false },
      { name: 'n', kind: { type: 'int32' }, optional: false },
      { name: 'day', kind: { type: 'date' }, optional: true },
      { name: 'far', kind: { type: 'int32' }, optional: false },
    ]);
    const rows = 1_003;
    const code = Int32Array.from({ length: rows }, (_, r) =>
      r < 500 ? Math.floor(r / 37) % 3 : (r * 7) % 3,
    );
    const n = Int32Array.from({ length: rows }, (_, r) => r);
    const far = Int32Array.from({ length: rows }, (_, r) => (r % 2 ? 2 ** 30 + r : -r));
    writer.rowGroup(rows, [code.slice(), n.slice(), new Int32Array(rows), far.slice()]);
    writer.close();
    const db = await DuckDbEngine.open();
    try {
      const back = await db.query(`SELECT code, n, day, far FROM read_parquet('${path}')`);
      expect(back).toEqual(
        Array.from({ length: rows }, (_, r) => [['a', 'b', 'c'][code[r] as number], r, null, far[r]]),
      );
    } finally {
      await db.close();
    }
  });

  it('writes a table with no rows', async () => {
    const path = join(dir, 'empty.parquet');
    new ParquetWriter(path, columns).close();
    const { types, rows } = await read(path);
    expect(types).toEqual(['code VARCHAR', 'n INTEGER', 'day DATE', 'id VARCHAR']);
    expect(rows).toEqual([]);
  });
});
