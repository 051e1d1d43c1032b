import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../core/dates.ts';
import { joinDateParts } from './DateInput.tsx';

describe('the three-box date input', () => {
  it('joins day, month and year into an ISO date', () => {
    expect(joinDateParts({ day: '1', month: '4', year: '2019' })).toBe('2019-04-01');
    expect(joinDateParts({ day: ' 31 ', month: '12', year: '2017' })).toBe('2017-12-31');
  });
  it('leaves an incomplete or impossible date for the check to refuse', () => {
    expect(isIsoDate(joinDateParts({ day: '1', month: '', year: '2019' }))).toBe(false);
    expect(isIsoDate(joinDateParts({ day: '29', month: '2', year: '2023' }))).toBe(false);
    expect(joinDateParts({ day: '', month: '', year: '' })).toBe('');
  });
});
