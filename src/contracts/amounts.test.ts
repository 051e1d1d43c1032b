import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, poundsToPence } from './amounts.ts';

describe('amounts', () => {
  it('turns pounds text into integer pence exactly', () => {
    expect(poundsToPence('£4,200,000.00')).toBe(420_000_000);
    expect(poundsToPence('12.5')).toBe(1250);
    expect(poundsToPence('0.07')).toBe(7);
  });

  it('round-trips any pence amount written as pounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (pence) => {
        const text = `£${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
        expect(poundsToPence(text)).toBe(pence);
      }),
    );
  });

  it('compares decimals exactly, as integers scaled alike', () => {
    expect(compareDecimal('95.0', '95')).toBe(0);
    expect(compareDecimal('95.01', '95')).toBe(1);
    expect(compareDecimal('-1.5', '-1.25')).toBe(-1);
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(compareDecimal(`${a}.5`, `${b}.5`)).toBe(Math.sign(a - b));
      }),
    );
  });
});
