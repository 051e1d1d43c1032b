/**
 * How the web app writes what the shared core (src/core/dates.ts, src/core/money.ts) does not:
 * counts and the like. Dates, money and financial years come from the core, as on the server.
 */
import { formatPounds } from '../core/money.ts';

/** Whole numbers with thousands separators: 12,345. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/** A text starting with a capital letter, the rest as it is. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An amount with its sign in front, as a step that adds or takes away: "+£1,820,000.00", "−£848,000.00". */
export function signedPounds(pence: number): string {
  return pence < 0 ? `−${formatPounds(-pence)}` : `+${formatPounds(pence)}`;
}

/** A dated parameter's value as a reader writes it: £ for pence, % once, thousands separated. */
export function parameterValue(p: { value: string; unit: string }): string {
  const n = Number(p.value);
  if (p.unit === 'pence' && Number.isInteger(n)) return formatPounds(n);
  if (p.unit === 'percent') return p.value.endsWith('%') ? p.value : `${p.value}%`;
  if (p.unit === 'count' && Number.isFinite(n)) return formatCount(n);
  if (p.unit === 'days' || p.unit === 'years') return `${p.value} ${p.unit}`;
  return p.value;
}
