import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFixtureInRealAreas } from '../../population/formats/fixture-areas.ts';
import { omopTestSchema } from '../../population/formats/test-omop-database.ts';
import { writeForeign } from '../../population/formats/write.ts';
import { fixtureAnalyseOptions, writeFixture } from '../../population/test-fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'concordat-cli-formats-'));
  dirs.push(dir);
  return dir;
};

function concordat(...args: string[]) {
  return spawnSync(process.execPath, ['bin/concordat.js', ...args], { encoding: 'utf8' });
}

describe('concordat analyse on OMOP, FHIR and SUS-style data', () => {
  it('finds a FHIR bulk export from its files, reports on it and records what it read', async () => {
    const native = writeFixtureInRealAreas();
    dirs.push(native);
    const dir = scratch();
    await writeForeign('fhir', native, dir, '2026-08-01');
    rmSync(join(dir, 'manifest.json'));
    const result = concordat('analyse', '--data', dir, ...fixtureAnalyseOptions);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')).served.total).toBe(5);
    const input = JSON.parse(readFileSync(join(dir, 'report', 'input.json'), 'utf8'));
    expect(input).toMatchObject({ format: 'fhir', codeList: { version: '1' }, notes: [] });
  }, 120_000);

  it('refuses an unknown input format and a code list for native data', () => {
    const bad = concordat('analyse', '--data', '.', '--input-format', 'hl7v2');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--input-format: 'hl7v2' is not a format/);
    const dir = writeFixture();
    dirs.push(dir);
    const native = concordat(
      'analyse',
      '--data',
      dir,
      '--practices',
      'M87001',
      '--on',
      '2025-08-01',
      '--code-list',
      'x.yaml',
    );
    expect(native.status).toBe(2);
    expect(native.stderr).toMatch(/--code-list: is only used for OMOP, FHIR and SUS-style data/);
  }, 120_000);

  it('refuses a bad code list naming its line', () => {
    const dir = writeFixtureInRealAreas();
    dirs.push(dir);
    const list = join(scratch(), 'list.yaml');
    writeFileSync(list, 'version: 1\nconditions:\n  AF:\n    icd10: {source: x, codes: [48]}\n');
    const result = concordat(
      'analyse',
      '--data',
      dir,
      '--on',
      '2025-08-01',
      '--practices',
      'M87001',
      '--input-format',
      'sus',
      '--code-list',
      list,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /list\.yaml line 4, conditions\.AF\.icd10\.codes: '48' is not an ICD-10 code or range/,
    );
  }, 120_000);
});

describe('concordat analyse --omop', () => {
  it('reads an OMOP schema in PostgreSQL, keeping any password out of what it prints and writes', async () => {
    const native = writeFixtureInRealAreas();
    const omop = scratch();
    dirs.push(native);
    await writeForeign('omop', native, omop, '2026-08-01');
    const schema = await omopTestSchema(omop);
    try {
      const url = new URL(schema.url);
      url.password = 's3cret';
      const out = join(scratch(), 'report');
      const result = concordat(
        'analyse',
        '--omop',
        url.toString(),
        '--input-format',
        'omop',
        '--out',
        out,
        ...fixtureAnalyseOptions,
      );
      expect(result.stderr).not.toMatch(/Error/);
      expect(result.status).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).served.total).toBe(5);
      const input = readFileSync(join(out, 'input.json'), 'utf8');
      expect(JSON.parse(input)).toMatchObject({
        data: `${url.protocol}//${url.username}@${url.host}${url.pathname}?schema=${schema.schema}`,
        format: 'omop',
      });
      expect(`${result.stdout}${result.stderr}${input}`).not.toContain('s3cret');
    } finally {
      await schema.drop();
    }
  }, 120_000);

  it('refuses a second source, another format, no source and no --out', () => {
    const omop = 'postgres://someone@127.0.0.1:5432/db?schema=cdm';
    const args = ['--practices', 'M87001', '--on', '2025-08-01'];
    const both = concordat('analyse', '--data', '.', '--omop', omop, ...args);
    expect(both.stderr).toMatch(/--omop: cannot be given with --data/);
    const fhir = concordat('analyse', '--omop', omop, '--input-format', 'fhir', ...args);
    expect(fhir.stderr).toMatch(/--input-format: 'fhir' cannot be read with --omop/);
    const neither = concordat('analyse', ...args);
    expect(neither.stderr).toMatch(/--data: is needed\. .*--omop postgres:/);
    const noOut = concordat('analyse', '--omop', omop, ...args);
    expect(noOut.stderr).toMatch(/--out: is needed with --omop/);
    for (const r of [both, fhir, neither, noOut]) expect(r.status).toBe(2);
  }, 60_000);
});

describe('concordat synth --format', () => {
  it('writes a synthetic ICB as SUS-style extracts, saying so in its manifest', () => {
    const out = scratch();
    const result = concordat('synth', '--icb', 'QUA', '--out', out, '--scale', '0.001', '--format', 'sus');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/SYNTHETIC DATA[\s\S]*\(sus\)/);
    expect(readdirSync(out).sort()).toEqual([
      'README.txt',
      'ae.csv',
      'apc.csv',
      'conditions.csv',
      'events.csv',
      'manifest.json',
      'op.csv',
      'persons.csv',
    ]);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({
      synthetic: true,
      format: 'sus',
    });
  }, 120_000);

  it('makes several ICBs in parallel worker threads, each into a folder of its own', () => {
    const out = scratch();
    const result = concordat(
      'synth',
      '--icb',
      'qua,QSL',
      '--out',
      out,
      '--scale',
      '0.001',
      '--format',
      'omop',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`for QUA to ${join(out, 'QUA')} (omop)`);
    expect(result.stdout).toContain(`for QSL to ${join(out, 'QSL')} (omop)`);
    expect(readdirSync(out).sort()).toEqual(['QSL', 'QUA']);
    const firstPerson = (icb: string) => readFileSync(join(out, icb, 'person.csv'), 'utf8').split('\n')[1];
    expect(firstPerson('QUA')).toMatch(/^620000001,.*,SYN-QUA-00000001,/);
    expect(firstPerson('QSL')).toMatch(/^380000001,.*,SYN-QSL-00000001,/);
    const unknown = concordat('synth', '--icb', 'QUA,ZZZ', '--out', scratch(), '--scale', '0.001');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/'ZZZ' is not an ICB code/);
  }, 120_000);

  it('refuses a format it cannot write', () => {
    const result = concordat('synth', '--icb', 'QUA', '--out', scratch(), '--format', 'xml');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--format: 'xml' is not a format/);
  }, 60_000);
});
