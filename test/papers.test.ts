import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallReport } from '../e2e/population.ts';
import { allocatePlaces } from '../src/finance/allocation.ts';
import { classifyByRulebook } from '../src/finance/budget.ts';
import { readPlacesFile } from '../src/finance/places-file.ts';
import { allocationReport, budgetReport } from '../src/finance/report.ts';
import { readArrangementFile } from '../src/law/arrangement-file.ts';
import { loadRulebook } from '../src/law/rulebook.ts';
import { millions } from '../src/outputs/paper.ts';
import { loadWeightedPopulations } from '../src/system/weighted-populations.ts';

const run = promisify(execFile);

/**
 * `concordat paper` writes each of the five board papers for the demo data; each PDF is read
 * back with poppler's pdftotext (its title, a key figure worked out here from the same
 * report, a citation) and its first page drawn with pdftoppm. Poppler is a Debian package
 * (poppler-utils) the test needs: without it the test fails, it never skips.
 */
describe('board papers', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'concordat-papers-'));
  const rulebook = loadRulebook();
  const dudley = 'examples/black-country-dudley-place-2026.yaml';
  const places = 'examples/places/black-country-2025-26.yaml';
  const budget = budgetReport(readArrangementFile(dudley), classifyByRulebook(rulebook), rulebook, {});
  const allocation = allocationReport(
    allocatePlaces(readPlacesFile(places, 'QUA', '2025/26'), loadWeightedPopulations('2025/26')),
  );
  const papers: Record<string, { args: string[]; title: RegExp; figure: () => string; citation: RegExp }> = {
    lawfulness: {
      args: ['examples/dudley-integrated-care.yaml', '--on', '2018-06-01'],
      title: /Dudley integrated care \(illustrative\): is the arrangement lawful on 1 June 2018\?/,
      figure: () => 'Errors (unlawful features)',
      citation: /ACOs and the NHS commissioning system/,
    },
    budget: {
      args: [dudley],
      title: /integrated budget and payments/,
      figure: () => millions(budget.budget.icp_total.pence),
      citation: /Sources 1\. .*(para|Annex|s\.\d)/,
    },
    allocation: {
      args: ['--icb', 'QUA', '--places', places],
      title: /allocation of the 2025\/26 budget between places/,
      figure: () => millions(allocation.total.pence),
      citation: /ICB Place Based Allocation Tool.*github\.com\/nhsengland/,
    },
    contract: {
      args: ['examples/contracts/dudley-icp.yaml', '--on', '2026-06-01'],
      title: /position on 1 June 2026/,
      figure: () => 'Obligations overdue',
      citation: /Draft ICP Contract: a consultation/,
    },
    population: {
      args: ['--report', join(dir, 'report.json')],
      title: /Population health for NHS Black Country ICB \(SYNTHETIC\)/,
      figure: () => 'People served',
      citation: /Open Government Licence/,
    },
  };
  const texts: Record<string, string> = {};

  beforeAll(async () => {
    writeFileSync(join(dir, 'report.json'), JSON.stringify(await smallReport('QUA', dir)));
    await Promise.all(
      Object.entries(papers).map(([kind, p]) =>
        run(process.execPath, [
          'bin/concordat.js',
          'paper',
          kind,
          ...p.args,
          '--out',
          join(dir, `${kind}.pdf`),
        ]),
      ),
    );
    for (const kind of Object.keys(papers))
      texts[kind] = execFileSync('pdftotext', [join(dir, `${kind}.pdf`), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
  }, 600_000);

  for (const [kind, p] of Object.entries(papers)) {
    it(`writes the ${kind} paper with its title, key figures, a citation and a first page that draws`, () => {
      const text = texts[kind] ?? '';
      expect(text).toMatch(p.title);
      for (const heading of ['Purpose', 'Recommendation', 'Summary', 'Key figures', 'Sources'])
        expect(text).toContain(heading);
      expect(text).toContain(p.figure());
      expect(text).toMatch(p.citation);
      expect(text).toMatch(/Version 1\.0/);
      const png = join(dir, `${kind}-page`);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '40',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        join(dir, `${kind}.pdf`),
        png,
      ]);
      expect(statSync(`${png}.png`).size).toBeGreaterThan(5_000);
      expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe('PNG');
    });
  }

  it('marks the synthetic population paper as illustrative on its pages', () => {
    expect(texts.population).toMatch(/ILLUSTRATIVE: .*SYNTHETIC/);
  });
});
