import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, PoundsText, ratioAtLeast } from './amounts.ts';

describe('amounts', () => {
  it('reads pounds text into integer pence, and reports a bad amount as a field problem', () => {
    expect(PoundsText.parse('£4,200,000.00')).toBe(420_000_000);
    const bad = PoundsText.safeParse('£4,20.001');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/has 3 decimal places/);
  });

  it('compares decimals exactly', () => {
    expect(compareDecimal('95.0', '95')).toBe(0);
    expect(compareDecimal('95.01', '95')).toBe(1);
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(compareDecimal(`${a}.5`, `${b}.5`)).toBe(Math.sign(a - b));
      }),
    );
  });

  it('tests a liquidity ratio exactly at its boundary', () => {
    expect(ratioAtLeast(480, 400, '1.2')).toBe(true);
    expect(ratioAtLeast(479, 400, '1.2')).toBe(false);
  });
});
