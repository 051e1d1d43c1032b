import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { withPopulationIndex } from './population-index.ts';

const example = readArrangementFile('examples/black-country-dudley-place-2026.yaml');

function reportFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'concordat-report-')), 'report.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('the WPAP population index from a population report', () => {
  it("replaces the file's index for the report's year and keeps the others", () => {
    const file = reportFile({
      synthetic: 'SYNTHETIC',
      wpapPopulationIndex: { arrangementEntry: { year: '2027/28', index: '1.012345' } },
    });
    const { arrangement, source } = withPopulationIndex(example, file);
    expect(arrangement.payment?.population_index).toEqual([
      { year: '2028/29', index: '1.0035' },
      { year: '2027/28', index: '1.012345' },
    ]);
    expect(source).toEqual({ year: '2027/28', index: '1.012345', synthetic: true });
  });

  it('refuses a file that is not a population report, naming the option', () => {
    expect(() => withPopulationIndex(example, reportFile({ hello: 1 }))).toThrow(/--population-report/);
  });
});
