import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../law/check.ts';
import type { Finding } from '../law/finding.ts';
import { compareChecks, describeRuleChange, termWarning } from './check-compare.ts';

const finding = (rule: string, path: string, trace: [string, string][]): Finding => ({
  rule,
  rule_title: `Title of ${rule}`,
  provenance: { unverified: `Not compared with anything: ${rule}.` },
  severity: 'error',
  message: `${rule} at ${path}`,
  path,
  citations: [],
  trace: trace.map(([r, from]) => ({ rule: r, version_from: from, outcome: 'applied' })),
});
const report = (on: string, findings: Finding[]): CheckReport => ({
  arrangement: 'A',
  on,
  lawful: false,
  counts: { error: findings.length, warning: 0, information: 0 },
  findings,
});

describe('compareChecks', () => {
  it('names the findings each date alone has and the rules whose version differs', () => {
    const shared = finding('pooling.basis', 'funds[0]', [['pooling.basis', '2017-08-01']]);
    const before = report('2018-01-15', [
      shared,
      finding('aco.old', 'services[0]', [['aco.old', '2017-08-01']]),
    ]);
    const after = report('2019-01-15', [
      shared,
      finding('icp.consultation', 'providers[0]', [['icp.consultation', '2018-08-01']]),
    ]);
    const c = compareChecks(before, after);
    expect(c.onlyFirst.map((f) => f.rule)).toEqual(['aco.old']);
    expect(c.onlySecond.map((f) => f.rule)).toEqual(['icp.consultation']);
    // Each is named, and its provenance given, as a finding about it has them.
    const unchecked = (rule: string) => ({ unverified: `Not compared with anything: ${rule}.` });
    expect(c.rules).toEqual([
      {
        rule: 'aco.old',
        title: 'Title of aco.old',
        provenance: unchecked('aco.old'),
        first: '2017-08-01',
        second: null,
      },
      {
        rule: 'icp.consultation',
        title: 'Title of icp.consultation',
        provenance: unchecked('icp.consultation'),
        first: null,
        second: '2018-08-01',
      },
    ]);
    expect(describeRuleChange(c.rules[1] as never, '2018-01-15', '2019-01-15')).toBe(
      'Not used on 15 January 2018; on 15 January 2019 the version in force from 1 August 2018 applies.',
    );
  });

  it('finds nothing to tell apart on the same answers', () => {
    const r = report('2019-01-15', [finding('x', 'p', [['x', '2018-01-01']])]);
    expect(compareChecks(r, r)).toEqual({ onlyFirst: [], onlySecond: [], rules: [] });
  });
});

describe('termWarning', () => {
  const term = { start: '2021-04-01', end: '2031-03-31' };
  it('says plainly when a date falls outside the term', () => {
    expect(termWarning('2018-01-15', term)).toMatch(
      /^15 January 2018 is before the arrangement’s term starts \(1 April 2021\)/,
    );
    expect(termWarning('2032-01-01', term)).toMatch(/after the arrangement’s term ended \(31 March 2031\)/);
    expect(termWarning('2022-01-01', term)).toBeNull();
    expect(termWarning('2022-01-01', undefined)).toBeNull();
  });
});
