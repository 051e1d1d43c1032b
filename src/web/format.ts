/**
 * How the web app writes dates, money and financial years, the way NHS documents do:
 * 1 April 2026, £12,345.67, 2025/26. Kept free of Temporal and zod (which src/law/date.ts
 * uses) so the browser bundle stays small; the rules are the same and tested here.
 */

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

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2023-02-29 is not one). */
export function isIsoDate(text: string): boolean {
  const m = isoPattern.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** `2026-04-01` → `1 April 2026`. */
export function formatDate(iso: string): string {
  const m = isoPattern.exec(iso);
  if (!m || !isIsoDate(iso)) throw new Error(`not a calendar date: ${iso}`);
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

/** Today's date in England as YYYY-MM-DD. */
export function todayInEngland(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/** The financial year (1 April to 31 March) a date falls in, written 2025/26. */
export function financialYear(iso: string): string {
  if (!isIsoDate(iso)) throw new Error(`not a calendar date: ${iso}`);
  const year = Number(iso.slice(0, 4));
  const start = iso.slice(5) >= '04-01' ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Integer pence → `£1,234,567.89` (negative amounts as `-£12.00`). */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new Error(`money must be a whole number of pence: ${pence}`);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whole numbers with thousands separators: 12,345. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}
