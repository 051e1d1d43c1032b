import { formatPounds } from '../../../core/money.ts';
import { formatCount } from '../../format.ts';

/** Suppressed counts (null) read "suppressed" everywhere, never 0. */
export const count = (n: number | null) => (n === null ? 'suppressed' : formatCount(n));
export const number = (n: number | null, places = 1) =>
  n === null
    ? 'withheld'
    : n.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places });
export const percent = (n: number | null) => (n === null ? 'withheld' : `${number(n)}%`);
export const money = (pence: number | null) =>
  pence === null ? 'withheld' : formatPounds(Math.round(pence));

/** A figure and its 95% confidence interval, or "withheld". */
export const withInterval = (value: number | null, lower: number | null, upper: number | null, places = 1) =>
  value === null
    ? 'withheld'
    : `${number(value, places)}${lower === null || upper === null ? '' : ` (${number(lower, places)} to ${number(upper, places)})`}`;

/** "a, b and c". */
export const listOf = (items: readonly string[]) =>
  new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(items);
