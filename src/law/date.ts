import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/** A calendar date written `YYYY-MM-DD` that exists (2023-02-29 is refused). */
export const IsoDate = z.string().refine(isIsoDate, {
  message: 'must be a real calendar date written YYYY-MM-DD, for example 2018-06-01',
});
export type IsoDate = string;

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  // Plain integer date arithmetic: the same answer as Temporal's strict parse, much faster on hot paths.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
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
  const d = Temporal.PlainDate.from(iso);
  return `${d.day} ${months[d.month - 1]} ${d.year}`;
}

/** Today's date in England, for commands whose `--on` defaults to today. */
export function today(): IsoDate {
  return Temporal.Now.plainDateISO('Europe/London').toString();
}
