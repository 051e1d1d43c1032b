import { describe, expect, it } from 'vitest';
import { describeProvenance } from '../../core/provenance.ts';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { checkArrangement } from '../../law/check.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { describeEntry, describeReport } from './rulebook-text.ts';

const rulebook = loadRulebook();

describe('concordat explain', () => {
  it('says how a rule was verified against its sources, or why it was not', () => {
    expect(describeEntry(rulebook, rulebook.entry('contract.term.maximum-years'))).toMatch(
      /^Checked against the text of Draft ICP Contract: a consultation \(NHS England, August 2018\), at paragraph 32, on \d+ \w+ \d{4} by an engineer, by a script/m,
    );
    expect(describeEntry(rulebook, rulebook.entry('money.cquin.rate'))).toMatch(
      /^Not yet checked against its published sources\. Seen in a secondary source only: the 2023\/24 rate/m,
    );
  });
});

describe('concordat check', () => {
  it('ends each finding with how far its rule was checked against its sources', () => {
    const arrangement = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
    const report = checkArrangement(rulebook, arrangement, '2017-09-01');
    // The ICB finding rests on the Health and Care Act 2022, which no one has compared.
    expect(report.findings.some((f) => 'unverified' in f.provenance)).toBe(true);
    const blocks = describeReport(report).split('\n\n').slice(1);
    expect(blocks).toHaveLength(report.findings.length);
    report.findings.forEach((f, i) => {
      expect(blocks[i]?.split('\n').at(-1)).toBe(`  ${describeProvenance(f.provenance)}`);
    });
  });
});
