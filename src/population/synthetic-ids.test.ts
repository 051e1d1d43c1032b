import { describe, expect, it } from 'vitest';
import { IdBytes } from './synth-csv.ts';
import { personIdDigits, personIdPrefix, recordIds } from './synthetic-ids.ts';

const personId = (icb: string, serial: number) => {
  const { words, tail } = new IdBytes(personIdPrefix(icb), personIdDigits).of(serial);
  return Buffer.concat([Buffer.from(words.buffer), tail]).toString('latin1');
};

describe('synthetic ids', () => {
  it('name the ICB in person ids', () => {
    expect(personId('QUA', 1)).toBe('SYN-QUA-00000001');
    expect(personId('S1Y5D', 1_234_567)).toBe('SYN-S1Y5D-01234567');
    expect(() => personId('QUA', 100_000_000)).toThrow(RangeError);
  });

  it("number OMOP people in the ICB's 32-bit range from its ONS code", () => {
    const ids = recordIds({ icb: 'QUA', icbOnsCode: 'E54000062' });
    expect(ids.omop(1)).toBe(620_000_001);
    expect(ids.fhirPrefix).toBe('QUA-');
    expect(() => ids.omop(10_000_000)).toThrow(/more than/);
    expect(recordIds({ icb: 'Z9B2Z', icbOnsCode: 'E54000071' }).omop(9_999_999)).toBeLessThan(2 ** 31);
  });

  it('keep plain ids for a data set no ICB made', () => {
    const ids = recordIds({});
    expect([ids.omop(1), ids.fhirPrefix]).toEqual([1, '']);
  });
});
