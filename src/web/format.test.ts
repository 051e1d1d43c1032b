import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('web formatting', () => {
  it('counts with separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });
});
