import { describe, expect, it } from 'vitest';
import { readArrangementFile } from './arrangement-file.ts';
import { responsibilityMatrix } from './responsibility.ts';
import { loadRulebook } from './rulebook.ts';

const rulebook = loadRulebook();
const westvale = readArrangementFile('examples/icp-commissioning-activities-2018.yaml');

describe('the responsibility matrix', () => {
  const m = responsibilityMatrix(rulebook, westvale, '2019-04-01');

  it('has one column per CCG and provider, and one row per activity in force, in table order', () => {
    expect(m.parties.map((p) => `${p.side}:${p.id}`)).toEqual([
      'commissioner:westvale-ccg',
      'provider:westvale-icp',
      'provider:westvale-hospitals',
    ]);
    expect(m.rows).toHaveLength(27);
    expect(m.rows[0]?.activity).toBe('population-needs-assessment');
    expect(m.rows.slice(-2).map((r) => r.activity)).toEqual([
      'individual-funding-requests',
      'third-party-contracts',
    ]);
  });

  it('keeps every function with the commissioner', () => {
    expect(m.rows.every((r) => r.cells['westvale-ccg']?.role === 'responsible')).toBe(true);
  });

  it('shows what the file records for each provider, and unrecorded cells as none', () => {
    const plan = m.rows.find((r) => r.activity === 'annual-commissioning-plan');
    expect(plan?.cells['westvale-icp']).toMatchObject({ role: 'none', recorded: true });
    expect(plan?.cells['westvale-hospitals']).toMatchObject({ role: 'none', recorded: false });
    const ifr = m.rows.find((r) => r.activity === 'individual-funding-requests');
    expect(ifr?.cells['westvale-icp']).toMatchObject({ role: 'supports', cost_bearer: 'commissioner' });
  });

  it('finds nothing unlawful in the example, and is the same every time', () => {
    expect(m.counts.error).toBe(0);
    expect(responsibilityMatrix(rulebook, westvale, '2019-04-01')).toEqual(m);
  });

  it('adds a row, marked not in force, for an activity the file names outside its period', () => {
    const early = responsibilityMatrix(rulebook, westvale, '2018-03-01');
    const ifr = early.rows.find((r) => r.activity === 'individual-funding-requests');
    expect(ifr).toMatchObject({ in_force: false, provider_may_support: null, row: null });
    expect(ifr?.findings[0]).toMatchObject({ severity: 'warning', path: 'activities[11].activity' });
  });
});

describe('the responsibility matrix on a date before Annex A', () => {
  it('says no version of Annex A covers 1 June 2017, as check and pooling do', () => {
    expect(() => responsibilityMatrix(rulebook, westvale, '2017-06-01')).toThrow(
      /on: no version of Annex A \(commissioning activities\) covers 1 June 2017/,
    );
  });
});
