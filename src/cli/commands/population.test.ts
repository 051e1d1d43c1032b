import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../csv.ts';
import { fixtureAnalyseOptions, fixtureConditions, writeFixture } from '../../population/test-fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function concordat(...args: string[]) {
  return spawnSync(process.execPath, ['bin/concordat.js', ...args], { encoding: 'utf8', env: process.env });
}

describe('concordat analyse', () => {
  it('writes a JSON report, an HTML page and its tables as Excel and CSV for the practices given', async () => {
    const dir = writeFixture();
    dirs.push(dir);
    const result = concordat('analyse', '--data', dir, ...fixtureAnalyseOptions);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8'));
    expect(report.served.total).toBe(5);
    expect(report.synthetic).toBeNull();
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
    // The tables leave as Excel and CSV too, small counts suppressed even where the report shows them.
    const practices = parseCsv(readFileSync(join(dir, 'report', 'report-practices.csv'), 'utf8'));
    expect(practices).toEqual([
      ['Practice', 'People'],
      ['M87001', 'fewer than 8'],
      ['M87003', 'fewer than 8'],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'report', 'report.xlsx'));
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Population served by practice',
      'Long-term conditions',
      'Prevalence against expected',
      'Cambridge Multimorbidity Score',
      'Population segments',
      'Risk bands',
      'Inequalities by deprivation dec', // Excel's 31 characters
      'Ethnic groups',
      'Conditions by ethnic group',
      'Admissions and A&E by year',
      'Premature mortality by year',
      'Sources and dates',
    ]);
    expect(result.stdout).toMatch(/report\.xlsx and 11 CSV tables \(report-practices\.csv, /);
    expect(html).toContain('Cambridge Multimorbidity Score');
    expect(html).toContain('Ratio (1 ÷ 10)');
    expect(report.trends.activity.map((y: { year: string }) => y.year)).toEqual(['2023/24', '2024/25']);
    // P2 has no ethnicity recorded and P4's is Z, not stated: both count as not stated or not known.
    expect(report.ethnicity.groups.map((g: { persons: number }) => g.persons)).toEqual([1, 1, 0, 1, 0, 2]);
    const ethnicity = parseCsv(readFileSync(join(dir, 'report', 'report-ethnicity.csv'), 'utf8'));
    expect(ethnicity.map((row) => row.slice(0, 2))).toEqual([
      ['Ethnic group', 'People'],
      ['Asian, Asian British or Asian Welsh', 'fewer than 8'],
      ['Black, Black British, Black Welsh, Caribbean or African', 'fewer than 8'],
      ['Mixed or Multiple ethnic groups', '0'],
      ['White', 'fewer than 8'],
      ['Other ethnic group', '0'],
      ['Not stated or not known', 'fewer than 8'],
    ]);
    expect(html).toContain('Ethnic groups (Core20PLUS5)');
  }, 60_000);

  it('refuses a file with a bad date with exit code 2 and writes nothing', () => {
    const dir = writeFixture({ conditions: [...fixtureConditions, 'P2,DM,2025-13-01'] });
    dirs.push(dir);
    const result = concordat('analyse', '--data', dir, '--practices', 'M87001', '--on', '2025-08-01');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/conditions\.csv line 7, onset_date: '2025-13-01' is not a date/);
    expect(existsSync(join(dir, 'report'))).toBe(false);
  }, 60_000);

  it('analyses an area of the ICB, headed with its name, and every area of a kind, publishing each', () => {
    const dir = writeFixture();
    const data = mkdtempSync(join(tmpdir(), 'concordat-area-publish-'));
    dirs.push(dir, data);
    const exact = ['--icb', 'QUA', '--on', '2025-08-01', '--suppress-up-to', '0', '--round-to', '1'];
    // M87003 is the fixture's one practice in Kingswinford & Wordsley PCN: P3 and P4.
    const pcn = concordat('analyse', '--data', dir, ...exact, '--area', 'pcn:U66484');
    expect(pcn.stderr).toBe('');
    expect(pcn.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8'));
    expect(report.title).toBe('Population health for Kingswinford & Wordsley PCN, NHS Black Country ICB');
    expect(report.area).toMatchObject({ kind: 'pcn', code: 'U66484', icbName: 'NHS Black Country ICB' });
    expect(report.served).toMatchObject({ total: 2, registered: 2, unregisteredResidents: 0 });

    // Both fixture practices are Dudley's; every place, and Meadowbrook Surgery, are published.
    const env = { ...process.env, CONCORDAT_DATA_DIR: data };
    const out = join(dir, 'areas');
    const many = spawnSync(
      process.execPath,
      [
        'bin/concordat.js',
        'analyse',
        '--data',
        dir,
        ...exact,
        '--area',
        'place',
        '--area',
        'practice:meadowbrook surgery',
        '--out',
        out,
        '--publish',
      ],
      { encoding: 'utf8', env },
    );
    expect(many.status).toBe(0);
    expect(many.stdout).toContain('Published 5 reports for the API under');
    const dudley = JSON.parse(readFileSync(join(out, 'place-E08000027', 'report.json'), 'utf8'));
    expect(dudley.title).toBe('Population health for Dudley place, NHS Black Country ICB');
    expect(dudley.served.total).toBe(4);
    const walsall = JSON.parse(readFileSync(join(out, 'place-E08000030', 'report.json'), 'utf8'));
    expect(walsall.served.total).toBe(0);
    for (const published of ['place/E08000027', 'place/E08000031', 'practice/M87001'])
      expect(existsSync(join(data, 'population', 'QUA', published, 'report.json')), published).toBe(true);
  }, 120_000);

  it('refuses a bad area or grouping, naming the flag and the choices', () => {
    const dir = writeFixture();
    dirs.push(dir);
    const run = (...args: string[]) =>
      concordat('analyse', '--data', dir, '--icb', 'QUA', '--on', '2025-08-01', ...args);
    const kind = run('--area', 'ward:E05001234');
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain(
      "--area: 'ward:E05001234' is not an area. Use icb, all, place, la, pcn or practice (every area of that kind), or one area as place:NAME, la:CODE, pcn:CODE or practice:CODE.",
    );
    const place = run('--area', 'place:Stafford');
    expect(place.status).toBe(2);
    expect(place.stderr).toContain(
      "--area: 'Stafford' is not a place of NHS Black Country ICB. Use one of: Dudley (place:E08000027), Sandwell (place:E08000028), Walsall (place:E08000030), Wolverhampton (place:E08000031).",
    );
    const file = join(dir, 'grouping.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'One place', places: [{ name: 'Dudley', practices: ['M87001'] }] }),
    );
    const grouping = run('--area', 'place', '--grouping', file);
    expect(grouping.status).toBe(2);
    expect(grouping.stderr).toMatch(
      /^--grouping .*grouping\.json places: \d+ practice\(s\) of QUA are in no place/,
    );
    const both = run('--area', 'pcn', '--practices', 'M87001');
    expect(both.stderr).toMatch(/^--practices: cannot be given with --area or --grouping/);
  }, 60_000);

  it('refuses an unknown engine', () => {
    const result = concordat('analyse', '--data', '.', '--engine', 'oracle');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--engine: 'oracle' is not an engine/);
  }, 60_000);

  it('analyses within a memory limit, and refuses one that is not a size', () => {
    const dir = writeFixture();
    dirs.push(dir);
    const args = ['analyse', '--data', dir, '--practices', 'M87001', '--on', '2025-08-01'];
    expect(concordat(...args, '--memory-limit', '64MB').status).toBe(0);
    const refused = concordat(...args, '--memory-limit', 'plenty');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--memory-limit: 'plenty' is not a size/);
  }, 60_000);
});
