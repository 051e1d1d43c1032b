/**
 * Calendar dates as Concordat writes and reads them, for the server and the browser alike:
 * `YYYY-MM-DD` in data, "1 April 2026" for people, financial years (1 April to 31 March) as
 * "2026/27". Plain integer calendar rules, no libraries: the same answers as Temporal's strict
 * parse (dates.test.ts checks), at a fraction of the cost and weight.
 */

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written YYYY-MM-DD (2023-02-29 is not one). */
export function isIsoDate(text: string): boolean {
  if (!isoDatePattern.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  // Year 0000 is not a year of the Common Era, and PostgreSQL refuses it.
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-04-01` → `1 April 2026`, the way NHS documents write dates. */
export function formatDate(iso: IsoDate): string {
  if (!isIsoDate(iso)) throw new RangeError(`'${iso}' is not a calendar date written YYYY-MM-DD`);
  return `${Number(iso.slice(8, 10))} ${months[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(0, 4))}`;
}

/** 01:00 GMT on the last Sunday of a month (0-based), in milliseconds since 1970. */
function lastSundayAtOne(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

/**
 * Today's date in England (or the date in England at `now`). Clocks go forward an hour from
 * 01:00 GMT on the last Sunday of March to 01:00 GMT on the last Sunday of October (the Summer
 * Time Act 1972 as the Summer Time Order 2002 sets it); worked out here rather than through
 * Intl's time zones, whose first use costs a command tens of milliseconds.
 */
export function today(now: Date = new Date()): IsoDate {
  const t = now.getTime();
  const year = now.getUTCFullYear();
  const summer = t >= lastSundayAtOne(year, 2) && t < lastSundayAtOne(year, 9);
  return new Date(t + (summer ? 3_600_000 : 0)).toISOString().slice(0, 10);
}

const yearLabels = new Map<number, string>();

/** The financial year starting in April of `year`: 2025 → "2025/26" (each label made once). */
export function financialYearLabel(year: number): string {
  let label = yearLabels.get(year);
  if (label === undefined) {
    label = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
    yearLabels.set(year, label);
  }
  return label;
}

/** The financial year a date falls in: 2026-03-31 → 2025/26, 2026-04-01 → 2026/27. */
export function financialYearOf(date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  return financialYearLabel(Number(date.slice(5, 7)) >= 4 ? year : year - 1);
}
