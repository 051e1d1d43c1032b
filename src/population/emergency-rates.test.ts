import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { emergencyBandLabels, englandEmergencyRates, readEmergencyRates } from './emergency-rates.ts';

const file = new URL('../../data/reference/emergency-admissions-by-age-england.csv', import.meta.url);

describe("England's emergency admissions by age", () => {
  it('are read per person-year for the twenty life-table bands, with the infant peak', () => {
    expect(emergencyBandLabels[0]).toBe('0');
    expect(emergencyBandLabels[1]).toBe('1-4');
    expect(emergencyBandLabels.at(-1)).toBe('90+');
    expect(englandEmergencyRates).toHaveLength(20);
    expect(englandEmergencyRates[0]).toBe(0.33);
    expect(englandEmergencyRates[0]).toBeGreaterThan(3 * (englandEmergencyRates[1] as number));
  });

  it('say which figures are published and which approximate', () => {
    const basis = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[2] as string);
    expect(basis.every((b) => b === 'approximation' || b.startsWith('published:'))).toBe(true);
  });

  it('refuse a file with other bands or a rate that is not above 0', () => {
    const good = readFileSync(file, 'utf8');
    expect(() => readEmergencyRates(good.replace('1-4,', '1-5,'))).toThrow(InvalidInput);
    expect(() => readEmergencyRates(good.replace('90+,560', '90+,0'))).toThrow(/line 21/);
    expect(() => readEmergencyRates(good.replace('per_1000', 'rate'))).toThrow(/header/);
  });
});
