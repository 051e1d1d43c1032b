import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../csv.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { readPlacesFile } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { tableCsv } from '../../outputs/csv.ts';
import { allocationTables, budgetTables } from '../../outputs/money-tables.ts';
import { pickTable } from '../../outputs/table.ts';
import { loadWeightedPopulations } from '../../system/weighted-populations.ts';
import { describeBudget } from './money-text.ts';

const example = 'examples/black-country-dudley-place-2026.yaml';
const rulebook = loadRulebook();

function concordat(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/concordat.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('concordat budget', () => {
  const arrangement = readArrangementFile(example);

  it('reports each year with instalments that add up to its WPAP, classified by the rulebook', () => {
    const report = budgetReport(arrangement, classifyByRulebook(rulebook), rulebook, { years: 3 });
    expect(report.years).toHaveLength(3);
    for (const y of report.years) {
      expect(y.instalments.reduce((s, i) => s + i.pence, 0)).toBe(y.wpap.pence);
    }
    expect(report.budget.lines.find((l) => l.id === 'gp-core')?.class).toBe('aligned');
    expect(report.years[0]?.money_at_risk.national_assurance_needed).toBe(true);
    expect(parseCsv(tableCsv(pickTable(budgetTables(report), 'instalments')))).toHaveLength(1 + 36);
  });

  it('explains figures with their parameters, dates and sources', () => {
    const report = budgetReport(arrangement, classifyByRulebook(rulebook), rulebook, {
      years: 2,
      explain: true,
    });
    expect(describeBudget(report, true)).toMatch(
      /parameter payment\.uplift = 2\.1% percent \(from 1 April 2027/,
    );
    expect(JSON.stringify(report)).toContain(
      '"rule":"in-scope value − incentive money at risk − activity-paid lines',
    );
  });

  it('names a stream whose service the rulebook does not know', () => {
    const bad = {
      ...arrangement,
      funding_streams: arrangement.funding_streams.map((s, i) =>
        i === 2 ? { ...s, service: 'astrology' } : s,
      ),
    };
    expect(() => budgetReport(bad, classifyByRulebook(rulebook), rulebook)).toThrow(
      /funding_streams\[2\]\.service: 'astrology' is not a service/,
    );
  });

  it('exits 2 naming the field for bad input, with nothing on stdout', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'concordat-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      readFileSync(example, 'utf8').replace(
        "annual_value: '£61,400,000.00'",
        "annual_value: '£61,400,000.005'",
      ),
    );
    const r = concordat('budget', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/funding_streams\[1\]\.annual_value/);
  });
});

describe('concordat allocate', () => {
  const places = 'examples/places/black-country-2025-26.yaml';

  it('gives the Black Country places as CSV with a row per component and place', () => {
    const report = allocationReport(
      allocatePlaces(readPlacesFile(places, 'QUA', '2025/26'), loadWeightedPopulations('2025/26')),
    );
    const rows = parseCsv(tableCsv(pickTable(allocationTables(report, '2026-12-05'), 'components')));
    expect(rows[0]).toEqual([
      'Place',
      'Component',
      'Basis',
      'Weighted population',
      'Need index',
      'Amount (£)',
    ]);
    expect(rows).toHaveLength(1 + report.places.reduce((n, p) => n + p.components.length, 0));
    expect(report.places.reduce((s, p) => s + p.allocation.pence, 0)).toBe(report.total.pence);
  });

  it('refuses an ICB the places file is not for', () => {
    expect(() => readPlacesFile(places, 'QHM', '2025/26')).toThrow(/--icb: is QHM but .* is for QUA/);
  });
});
