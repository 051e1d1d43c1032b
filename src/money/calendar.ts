import { daysInMonth, financialYearLabel, financialYearOf } from '../core/dates.ts';
import { InvalidInput } from '../core/errors.ts';
import type { Pence } from '../core/money.ts';
import { formatDate, type IsoDate, isIsoDate } from '../law/date.ts';
import { addMonths, dayNumber, monthEnd } from '../law/date-arithmetic.ts';
import { applyRate, type Rate, ratio } from './rate.ts';

/**
 * The NHS financial calendar (docs/money.md, "Calendar rules"):
 * - a financial year runs 1 April to 31 March and is written 2025/26;
 * - a month is a calendar month; a period is a run of whole days, both ends included;
 * - pro rata by days = amount × days of the period inside the year ÷ days in that year
 *   (365, or 366 when the year contains 29 February), rounded once to the penny;
 * - month-end policy: adding months keeps the day of the month and, where that month is
 *   shorter, falls back to its last day (31 January + 1 month = 28 or 29 February).
 */
export type FinancialYear = string;

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface Month extends Period {
  /** "April 2025" */
  label: string;
  days: number;
}

export function parseFinancialYear(text: string, field = 'year'): FinancialYear {
  const m = /^(\d{4})\/(\d{2})$/.exec(text.trim());
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) {
    throw new InvalidInput(
      field,
      `'${text}' is not a financial year`,
      'Write it like 2025/26 (1 April 2025 to 31 March 2026).',
    );
  }
  return `${m[1]}/${m[2]}`;
}

function startYear(year: FinancialYear): number {
  return Number(year.slice(0, 4));
}

export function yearStart(year: FinancialYear): IsoDate {
  return `${startYear(year)}-04-01`;
}

export function yearEnd(year: FinancialYear): IsoDate {
  return `${startYear(year) + 1}-03-31`;
}

const yearPeriods = new Map<FinancialYear, Period>();

/** The whole financial year as a period (one shared object per year: treat it as read-only). */
export function yearPeriod(year: FinancialYear): Period {
  let p = yearPeriods.get(year);
  if (!p) {
    p = { from: yearStart(year), to: yearEnd(year) };
    yearPeriods.set(year, p);
  }
  return p;
}

/** The financial year a date falls in: 2026-03-31 → 2025/26, 2026-04-01 → 2026/27. */
export const yearOf: (date: IsoDate) => FinancialYear = financialYearOf;

export function nextYear(year: FinancialYear, by = 1): FinancialYear {
  return financialYearLabel(startYear(year) + by);
}

/** The financial years a period touches, in order. */
export function yearsIn(period: Period): FinancialYear[] {
  const out: FinancialYear[] = [];
  for (let y = yearOf(period.from); yearPeriod(y).from <= period.to; y = nextYear(y)) out.push(y);
  return out;
}

/** Whole days from `from` to `to`, both included (1 April to 31 March 2026 = 365). */
export function daysInclusive(period: Period): number {
  if (period.to < period.from) return 0;
  return dayNumber(period.to) - dayNumber(period.from) + 1;
}

const yearDays = new Map<FinancialYear, number>();

/** 365, or 366 when the year holds 29 February. */
export function daysInYear(year: FinancialYear): number {
  let days = yearDays.get(year);
  if (days === undefined) {
    days = daysInclusive(yearPeriod(year));
    yearDays.set(year, days);
  }
  return days;
}

/** The overlap of two periods, or undefined when they do not meet (`b` itself when it lies inside `a`). */
export function overlap(a: Period, b: Period): Period | undefined {
  if (a.from <= b.from && b.to <= a.to) return b;
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : undefined;
}

const monthCache = new Map<FinancialYear, readonly Month[]>();

/** The twelve calendar months of a financial year, April first. */
export function monthsOf(year: FinancialYear): readonly Month[] {
  const cached = monthCache.get(year);
  if (cached) return cached;
  const start = yearStart(year);
  const months = Array.from({ length: 12 }, (_, i) => {
    const first = addMonths(start, i);
    return {
      from: first,
      to: monthEnd(first),
      days: daysInMonth(Number(first.slice(0, 4)), Number(first.slice(5, 7))),
      label: formatDate(first).replace(/^1 /, ''),
    };
  });
  monthCache.set(year, months);
  return months;
}

/** The months of a financial year that a period inside it touches, in order. */
export function monthsIn(period: Period, year: FinancialYear): readonly Month[] {
  const all = monthsOf(year);
  if (period.from === all[0]?.from && period.to === all[11]?.to) return all;
  return all.filter((m) => m.to >= period.from && m.from <= period.to);
}

/**
 * The part of a month a period pays for: the month itself when the period covers it all,
 * otherwise its days inside the period, labelled by them ("17 to 30 April 2026").
 */
export function paidPart(month: Month, period: Period): Month {
  const from = month.from < period.from ? period.from : month.from;
  const to = month.to > period.to ? period.to : month.to;
  if (from === month.from && to === month.to) return month;
  const last = formatDate(to);
  const label = from === to ? last : `${Number(from.slice(8))} to ${last}`;
  return { from, to, days: daysInclusive({ from, to }), label };
}

/** Checks both ends are real dates and the period does not run backwards. */
export function checkPeriod(period: Period, field = 'period'): Period {
  for (const end of ['from', 'to'] as const) {
    if (!isIsoDate(period[end])) {
      throw new InvalidInput(
        `${field}.${end}`,
        `'${period[end]}' is not a date`,
        'Write dates as YYYY-MM-DD.',
      );
    }
  }
  if (period.to < period.from) {
    throw new InvalidInput(
      field,
      `ends (${formatDate(period.to)}) before it starts (${formatDate(period.from)})`,
      'Swap the dates or correct the one that is wrong.',
    );
  }
  return period;
}

/** Checks a list of periods: each the right way round and none overlapping another. */
export function checkNoOverlap(periods: readonly Period[], field = 'periods'): void {
  periods.forEach((p, i) => checkPeriod(p, `${field}[${i}]`));
  const sorted = periods.map((p, i) => ({ p, i })).sort((a, b) => (a.p.from < b.p.from ? -1 : 1));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const cur = sorted[k];
    if (prev && cur && cur.p.from <= prev.p.to) {
      throw new InvalidInput(
        `${field}[${cur.i}]`,
        `overlaps ${field}[${prev.i}] (${formatDate(prev.p.from)} to ${formatDate(prev.p.to)})`,
        'Periods must not share a day; end one the day before the next starts.',
      );
    }
  }
}

/** The fraction of a financial year a period covers, in days (exact). */
export function yearFraction(period: Period, year: FinancialYear): Rate {
  const inside = overlap(period, yearPeriod(year));
  return ratio(inside ? daysInclusive(inside) : 0, daysInYear(year));
}

/** An annual amount pro rata for the days of `period` inside `year`, rounded once. */
export function proRataByDays(annual: Pence, period: Period, year: FinancialYear, field = 'amount'): Pence {
  return applyRate(annual, yearFraction(period, year), field);
}
