import { describe, expect, it } from 'vitest';
import { groupRates, registersByGroup, tallyByGroup } from './ethnicity.ts';
import { esp2013, standardisedRate } from './standardise.ts';
import { noSuppression } from './suppress.ts';

describe('rates by ethnic group', () => {
  // code, five-year band, people, emergency admissions, A&E attendances, in Core20
  const rows = [
    ['R', 8, 400, 12, 100, 300],
    ['H', 14, 100, 20, 30, 0],
    ['', 8, 50, 1, 5, 10],
    ['Z', 8, 50, 0, 5, 0],
    ['99', 2, 20, 0, 0, 20],
  ];

  it('groups codes into the ONS 2021 groups, Chinese with Asian and missing with not known', () => {
    const tallies = tallyByGroup(rows);
    expect(tallies.get('asian')?.persons[8]).toBe(400);
    expect(tallies.get('asian')?.persons[14]).toBe(100);
    expect(tallies.get('unknown')?.persons.reduce((a, b) => a + b, 0)).toBe(120);
    expect(tallies.get('unknown')?.core20).toBe(30);
    expect(tallies.get('white')?.persons.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('standardises admissions to ESP2013 and works out A&E, Core20 and register shares', () => {
    const tally = tallyByGroup(rows).get('asian');
    if (!tally) throw new Error('no Asian tally');
    const out = groupRates('asian', tally, noSuppression);
    const dsr = standardisedRate(tally.emergency, tally.persons, esp2013, 1000);
    expect(out.emergencyPer1000Standardised).toBe(Math.round(dsr.rate * 10) / 10);
    expect(out.emergencyAdmissions).toBe(32);
    expect(out.aePer1000).toBe(260);
    expect(out.core20Percent).toBe(60);
    const registers = registersByGroup(
      [
        ['H', 'DM', 50],
        ['R', 'DM', 25],
        ['', 'DM', 6],
      ],
      new Map([
        ['asian', 500],
        ['unknown', 120],
      ]),
      noSuppression,
    );
    const diabetes = registers.find((r) => r.condition === 'DM');
    expect(diabetes?.groups.find((g) => g.group === 'asian')).toEqual({
      group: 'asian',
      persons: 75,
      percent: 15,
    });
    expect(diabetes?.groups.find((g) => g.group === 'unknown')?.percent).toBe(5);
    expect(diabetes?.groups.find((g) => g.group === 'white')?.percent).toBeNull();
  });
});
