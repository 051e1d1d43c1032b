import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import {
  bandOf,
  emergencyRatesFile,
  englandEmergencyRates,
  englandOutpatientRates,
  outpatientRatesFile,
  readAgeRates,
} from './activity-rates.ts';

const text = (file: string) => readFileSync(new URL(`../../data/reference/${file}`, import.meta.url), 'utf8');

describe("England's hospital activity by age", () => {
  it('has emergency admissions per person-year in the life-table bands, with the infant peak', () => {
    const e = englandEmergencyRates;
    expect(e.labels.slice(0, 3)).toEqual(['0', '1-4', '5-9']);
    expect(e.labels.at(-1)).toBe('90+');
    expect(e.perYear).toHaveLength(20);
    expect(e.perYear[0]).toBe(0.33);
    expect(e.perYear[0]).toBeGreaterThan(3 * (e.perYear[1] as number));
    // HES 2023-24 and ONS mid-2023: 334,151 admissions of people 90 and over among 521,291.
    expect(e.perYear.at(-1)).toBeCloseTo(334_151 / 521_291, 4);
  });

  it('has outpatient attendances per person-year in five-year bands, rising to the eighties', () => {
    const o = englandOutpatientRates;
    expect(o.labels[0]).toBe('0-4');
    expect(o.starts.at(-1)).toBe(90);
    const peak = o.perYear.indexOf(Math.max(...o.perYear));
    expect(o.labels[peak]).toBe('80-84');
    expect(o.perYear[0]).toBeGreaterThan(o.perYear[1] as number);
  });

  it('finds the band of an age', () => {
    expect(bandOf(englandEmergencyRates, 0)).toBe(0);
    expect(bandOf(englandEmergencyRates, 4)).toBe(1);
    expect(bandOf(englandEmergencyRates, 5)).toBe(2);
    expect(bandOf(englandOutpatientRates, 4)).toBe(0);
    expect(bandOf(englandOutpatientRates, 90)).toBe(18);
    expect(bandOf(englandOutpatientRates, 117)).toBe(18);
  });

  it('say, row by row, that each figure is published', () => {
    for (const file of [emergencyRatesFile, outpatientRatesFile]) {
      const basis = text(file)
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[2] as string);
      expect(
        basis.every((b) => b.startsWith('published:')),
        file,
      ).toBe(true);
    }
  });

  it('refuse a file with a gap between bands, no open last band, or a rate that is not above 0', () => {
    const good = text(emergencyRatesFile);
    const read = (csv: string) => readAgeRates(emergencyRatesFile, csv);
    expect(read(good).labels).toHaveLength(20);
    expect(() => read(good.replace('1-4,', '1-5,'))).toThrow(/line 4.*must start at 6/);
    expect(() => read(good.replace('90+,', '90-94,'))).toThrow(/open age band/);
    expect(() => read(good.replace(/90\+,[\d.]+/, '90+,0'))).toThrow(/line 21/);
    expect(() => read(good.replace('per_1000', 'rate'))).toThrow(InvalidInput);
    expect(() => read(`${good}95+,700,x\n`)).toThrow(/line 22/);
  });
});
