import { describe, expect, it } from 'vitest';
import { provenanceInBrief } from '../core/provenance.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { checkArrangement } from '../law/check.ts';
import { responsibilityMatrix } from '../law/responsibility.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { findingsTable, matrixTable } from './law-tables.ts';

const rulebook = loadRulebook();

describe('the rulebook’s answers as tables to download', () => {
  it('say beside each finding how far its rule was checked against its sources', () => {
    const report = checkArrangement(
      rulebook,
      readArrangementFile('examples/dudley-integrated-care.yaml'),
      '2021-04-01',
    );
    const table = findingsTable(report);
    expect(table.rows.length).toBeGreaterThan(0);
    expect(table.columns.at(-1)?.heading).toBe('Rule checked against its sources');
    expect(table.rows.map((r) => r.checked)).toEqual(
      report.findings.map((f) => provenanceInBrief(f.provenance)),
    );
    for (const row of table.rows)
      expect(row.checked).toMatch(/^(Yes, on \d{1,2} [A-Z][a-z]+ \d{4}|Not yet)$/);
  });

  it('say it for each activity of who does what', () => {
    const m = responsibilityMatrix(
      rulebook,
      readArrangementFile('examples/icp-commissioning-activities-2018.yaml'),
      '2019-04-01',
    );
    expect(matrixTable(m).rows.map((r) => r.checked)).toEqual(
      m.rows.map((r) => provenanceInBrief(r.provenance)),
    );
  });
});
