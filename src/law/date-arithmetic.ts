import { daysInMonth, type IsoDate } from '../core/dates.ts';

/**
 * Calendar arithmetic on ISO dates with plain integers, for the money calendar and contract
 * due dates. The Temporal polyfill gives the same answers but costs about 0.1 ms a call, too
 * slow for schedules and calendars replayed after every event; date-arithmetic.test.ts checks
 * these against Temporal.
 * Months are added the calendar way and a day that does not exist in the target month is
 * clamped to its last day (31 January + 1 month = 28 or 29 February), so notice periods and
 * due dates are never longer than written.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * The date `count` working days after `date`. Working days are Monday to Friday; bank
 * holidays are not taken out (Concordat holds no bank-holiday calendar), so a standstill
 * over a bank holiday ends a day early — check those by hand.
 */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  let n = dayNumber(date);
  let left = count;
  while (left > 0) {
    n += 1;
    if (weekday(n) <= 5) left -= 1;
  }
  return fromDayNumber(n);
}

/** The last day of the month `date` falls in. */
export function monthEnd(date: IsoDate): IsoDate {
  const [y, m] = parts(date);
  return format(y, m, daysInMonth(y, m));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
export function dayNumber(date: IsoDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** ISO weekday, Monday 1 to Sunday 7 (1970-01-01 was a Thursday). */
function weekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}
