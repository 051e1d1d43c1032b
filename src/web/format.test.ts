import { describe, expect, it } from 'vitest';
import { formatCount, parameterValue, sentenceCase, signedPounds } from './format.ts';

describe('web formatting', () => {
  it('counts with separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('starts a sentence with a capital, leaving the rest alone', () => {
    expect(sentenceCase('only 365 days of 2026/27 (NHS)')).toBe('Only 365 days of 2026/27 (NHS)');
    expect(sentenceCase('')).toBe('');
  });

  it('signs a step: plus for money added, a minus sign for money taken away', () => {
    expect(signedPounds(182000000)).toBe('+£1,820,000.00');
    expect(signedPounds(-108982000)).toBe('−£1,089,820.00');
    expect(signedPounds(0)).toBe('+£0.00');
  });

  it('writes a parameter in its unit once: pounds from pence, one % sign, thousands', () => {
    expect(parameterValue({ value: '20756', unit: 'pence' })).toBe('£207.56');
    expect(parameterValue({ value: '1.25', unit: 'percent' })).toBe('1.25%');
    expect(parameterValue({ value: '1.25%', unit: 'percent' })).toBe('1.25%');
    expect(parameterValue({ value: '9374', unit: 'count' })).toBe('9,374');
    expect(parameterValue({ value: '30', unit: 'days' })).toBe('30 days');
    expect(parameterValue({ value: '100% up to 2%, 20% beyond', unit: 'corridors' })).toBe(
      '100% up to 2%, 20% beyond',
    );
  });
});
