import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isNhsNumber } from './fhir.ts';
import { admissionOf, dateOf, penceOf, poundsText } from './fields.ts';
import { csvRows, ndjsonRecords } from './text-input.ts';

const dir = mkdtempSync(join(tmpdir(), 'concordat-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(name: string, content: string | Buffer, required: string[], optional: string[] = []) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const out: [number, string[]][] = [];
  for await (const row of csvRows(path, required, optional)) {
    out.push([row.line, [...required, ...optional].map((c) => row.get(c))]);
  }
  return out;
}

describe('CSV rows', () => {
  it('reads quoted fields across lines, keeping each row’s first line number', async () => {
    const text = 'ID,Note\n1,"a, ""quoted""\nnote"\n\n2,plain\n';
    expect(await rows('q.csv', text, ['id', 'note'])).toEqual([
      [2, ['1', 'a, "quoted"\nnote']],
      [5, ['2', 'plain']],
    ]);
  });

  it('reads tab-separated, gzipped files with a byte-order mark; absent optional columns read empty', async () => {
    const text = '\ufeffconcept_id\tconcept_code\r\n8507\tM\r\n';
    expect(await rows('t.csv.gz', gzipSync(text), ['concept_id', 'concept_code'], ['vocabulary_id'])).toEqual(
      [[2, ['8507', 'M', '']]],
    );
  });

  it('refuses a file without a required column before reading any row', async () => {
    await expect(rows('m.csv', 'a,b\n1,2\n', ['a', 'c'])).rejects.toThrow(/m\.csv: has no column c/);
  });

  it('refuses a quote that never closes, naming its line', async () => {
    await expect(rows('o.csv', 'a\n1\n"2\n3\n', ['a'])).rejects.toThrow(/o\.csv line 3, quoting/);
  });
});

describe('NDJSON records', () => {
  it('yields each object with its line and refuses a line that is not one', async () => {
    const path = join(dir, 'x.ndjson');
    writeFileSync(path, '{"a":1}\n\n[2]\n');
    const seen: number[] = [];
    const read = async () => {
      for await (const { line } of ndjsonRecords(path)) seen.push(line);
    };
    await expect(read()).rejects.toThrow(/x\.ndjson line 3, JSON: '\[2\]' is not a JSON object/);
    expect(seen).toEqual([1]);
  });
});

describe('field readers', () => {
  it('reads dates with or without a time, and only real ones', () => {
    expect(dateOf('2025-03-01')).toBe('2025-03-01');
    expect(dateOf('2025-03-01T10:00:00Z')).toBe('2025-03-01');
    expect(dateOf('2025-03-01 00:00:00')).toBe('2025-03-01');
    expect(dateOf('2025-02-30')).toBeUndefined();
    expect(dateOf('2025-03-015')).toBeUndefined();
  });

  it('reads pounds into pence exactly, rounding places beyond pence half up', () => {
    expect(penceOf('4200')).toBe(420000);
    expect(penceOf('42.5')).toBe(4250);
    expect(penceOf('0.07')).toBe(7);
    expect(penceOf('123.455')).toBe(12346);
    expect(penceOf('123.454')).toBe(12345);
    expect(penceOf('-1')).toBeUndefined();
    expect(penceOf('1e3')).toBeUndefined();
    expect(poundsText(4250)).toBe('42.50');
    expect(poundsText(7)).toBe('0.07');
  });

  it('groups NHS admission methods as HES does', () => {
    expect(['11', '12', '13'].map(admissionOf)).toEqual(['elective', 'elective', 'elective']);
    expect(['21', '25', '28', '2A', '2D'].map(admissionOf)).toEqual(Array(5).fill('emergency'));
    expect(['31', '82'].map(admissionOf)).toEqual(['left out', 'left out']);
    expect(['99', '1', 'emergency'].map(admissionOf)).toEqual([undefined, undefined, undefined]);
  });

  it('checks NHS numbers by their modulus 11 check digit', () => {
    expect(isNhsNumber('9434765919')).toBe(true);
    expect(isNhsNumber('9434765918')).toBe(false);
    expect(isNhsNumber('943476591')).toBe(false);
  });
});
