import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../csv.ts';
import { fixtureConditions, writeFixture } from '../../population/test-fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function concordat(...args: string[]) {
  return spawnSync(process.execPath, ['bin/concordat.js', ...args], { encoding: 'utf8' });
}

describe('concordat analyse', () => {
  it('writes a JSON report, an HTML page and its tables as Excel and CSV for the practices given', async () => {
    const dir = writeFixture();
    dirs.push(dir);
    const result = concordat(
      'analyse',
      '--data',
      dir,
      '--practices',
      'M87001,M87003',
      '--on',
      '2025-08-01',
      '--suppress-up-to',
      '0',
      '--round-to',
      '1',
    );
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
      'Admissions and A&E by year',
      'Premature mortality by year',
      'Sources and dates',
    ]);
    expect(result.stdout).toMatch(/report\.xlsx and 9 CSV tables \(report-practices\.csv, /);
    expect(html).toContain('Cambridge Multimorbidity Score');
    expect(html).toContain('Ratio (1 ÷ 10)');
    expect(report.trends.activity.map((y: { year: string }) => y.year)).toEqual(['2023/24', '2024/25']);
  }, 60_000);

  it('refuses a file with a bad date with exit code 2 and writes nothing', () => {
    const dir = writeFixture({ conditions: [...fixtureConditions, 'P2,DM,2025-13-01'] });
    dirs.push(dir);
    const result = concordat('analyse', '--data', dir, '--practices', 'M87001', '--on', '2025-08-01');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/conditions\.csv line 7, onset_date: '2025-13-01' is not a date/);
    expect(existsSync(join(dir, 'report'))).toBe(false);
  }, 60_000);

  it('refuses an unknown engine', () => {
    const result = concordat('analyse', '--data', '.', '--engine', 'oracle');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--engine: 'oracle' is not an engine/);
  }, 60_000);
});
