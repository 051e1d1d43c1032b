import { describe, expect, it } from 'vitest';
import { email, hasErrors, id, isoDate, pounds, practiceCode, required } from './validation.ts';

describe('form checks', () => {
  it('asks for missing values by name', () => {
    expect(required('  ', 'the arrangement name')).toBe('Enter the arrangement name');
    expect(required('Dudley', 'the arrangement name')).toBeUndefined();
  });

  it('checks email addresses', () => {
    expect(email('')).toBe('Enter your email address');
    expect(email('not-an-email')).toMatch(/correct format/);
    expect(email('commissioner@dudley.nhs.uk')).toBeUndefined();
  });

  it('accepts only real dates', () => {
    expect(isoDate('2023-02-29', 'the date')).toMatch(/^The date must be a real date/);
    expect(isoDate('2024-02-29', 'the date')).toBeUndefined();
  });

  it('accepts the id, pounds and practice code formats arrangement files use', () => {
    expect(id('Dudley CCG', 'the id')).toMatch(/lowercase words/);
    expect(id('dudley-ccg', 'the id')).toBeUndefined();
    expect(pounds('£12,345,678.00', 'the annual value')).toBeUndefined();
    expect(pounds('12.345', 'the annual value')).toMatch(/amount in pounds/);
    // The server's grammar: thousands separators only every three digits, exactly.
    expect(pounds('1,234567', 'the annual value')).toMatch(/amount in pounds/);
    expect(pounds('12345678901234567.89', 'the annual value')).toMatch(/amount in pounds/);
    expect(practiceCode('m87001')).toMatch(/letter and 5 digits/);
    expect(practiceCode('M87001')).toBeUndefined();
  });

  it('says whether any field has an error', () => {
    expect(hasErrors({ a: undefined, b: undefined })).toBe(false);
    expect(hasErrors({ a: undefined, b: 'Enter b' })).toBe(true);
  });
});
