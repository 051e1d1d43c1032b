import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from '../law/date.ts';

/**
 * Date arithmetic for contracts. Months are added the calendar way and a day that does not
 * exist in the target month is clamped to its last day (31 January + 1 month = 28 or
 * 29 February): notice periods and due dates are therefore never longer than written.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return Temporal.PlainDate.from(date).add({ months }, { overflow: 'constrain' }).toString();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return Temporal.PlainDate.from(date).add({ years }, { overflow: 'constrain' }).toString();
}

/**
 * The date `count` working days after `date`. Working days are Monday to Friday; bank
 * holidays are not taken out (Concordat holds no bank-holiday calendar), so a standstill
 * over a bank holiday ends a day early — check those by hand.
 */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  let d = Temporal.PlainDate.from(date);
  let left = count;
  while (left > 0) {
    d = d.add({ days: 1 });
    if (d.dayOfWeek <= 5) left -= 1;
  }
  return d.toString();
}

/** The last day of the month `date` falls in. */
export function monthEnd(date: IsoDate): IsoDate {
  const d = Temporal.PlainDate.from(date);
  return d.with({ day: d.daysInMonth }).toString();
}

/** The financial year (1 April to 31 March) a date falls in, written 2025/26. */
export function financialYearOf(date: IsoDate): string {
  const d = Temporal.PlainDate.from(date);
  const startYear = d.month >= 4 ? d.year : d.year - 1;
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** 31 March that ends the financial year starting in `startYear`. */
export function financialYearEnd(startYear: number): IsoDate {
  return `${startYear + 1}-03-31`;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
