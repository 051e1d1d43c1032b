import { InvalidInput } from './errors.ts';

/**
 * An amount of money as a whole number of pence (ARCHITECTURE practice 6). The brand stops
 * a plain number (a float, a count of people) being used as money by accident; the only
 * ways in are `pence()`, which refuses fractions and numbers beyond the safe-integer range,
 * and `parsePounds()`, which reads text such as "£1,234.56" exactly.
 */
export type Pence = number & { readonly __brand: 'Pence' };

export const zero = 0 as Pence;

const largestBig = BigInt(Number.MAX_SAFE_INTEGER);
const smallestBig = -largestBig;

/** Checks that a number is a whole, safe number of pence; names the field when it is not. */
export function pence(value: number | bigint, field = 'amount'): Pence {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof value === 'bigint' && (value > largestBig || value < smallestBig)) {
    throw new InvalidInput(field, 'is too large to hold exactly', 'Amounts must be under £90 trillion.');
  }
  if (!Number.isInteger(n)) {
    throw new InvalidInput(field, `${value} is not a whole number of pence`, 'Money is held in whole pence.');
  }
  if (!Number.isSafeInteger(n)) {
    throw new InvalidInput(field, 'is too large to hold exactly', 'Amounts must be under £90 trillion.');
  }
  return (Object.is(n, -0) ? 0 : n) as Pence;
}

/** Like `pence()`, and also refuses amounts below zero. */
export function nonNegative(value: number | bigint, field = 'amount'): Pence {
  const p = pence(value, field);
  if (p < 0)
    throw new InvalidInput(field, `${formatPounds(p)} is negative`, 'Give an amount of £0.00 or more.');
  return p;
}

export function add(a: Pence, b: Pence): Pence {
  return pence(a + b, 'sum');
}

export function subtract(a: Pence, b: Pence): Pence {
  return pence(a - b, 'difference');
}

export function negate(a: Pence): Pence {
  return pence(-a);
}

export function sum(amounts: readonly Pence[]): Pence {
  let total = 0;
  for (let i = 0; i < amounts.length; i++) total += amounts[i] as Pence;
  return pence(total, 'sum');
}

/** Multiplies money by a whole number (a count of months, points or people): exact, no rounding. */
export function times(a: Pence, count: number): Pence {
  if (!Number.isInteger(count)) throw new InvalidInput('count', `${count} is not a whole number`);
  return pence(BigInt(a) * BigInt(count), 'product');
}

const poundsPattern = /^(-)?£?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Reads an amount written in pounds — "£1,234.56", "1234.5", "-£20" — exactly into pence.
 * Thousands separators must be in the right places; more than two decimal places is refused
 * rather than rounded, because a fraction of a penny is not money.
 */
export function parsePounds(text: string, field = 'amount'): Pence {
  const t = text.trim();
  const m = poundsPattern.exec(t.startsWith('£-') ? `-£${t.slice(2)}` : t);
  if (!m) {
    const places = /\.(\d{3,})$/.exec(t)?.[1]?.length;
    throw new InvalidInput(
      field,
      places
        ? `'${text}' has ${places} decimal places: an amount in pounds and pence has at most two`
        : `'${text}' is not an amount in pounds and pence`,
      'Write it like "£1,234.56" (at most two decimal places).',
    );
  }
  const pounds = (m[2] ?? '0').replaceAll(',', '');
  const hundredths = (m[3] ?? '').padEnd(2, '0');
  // Up to 13 digits of pounds, pounds × 100 + pence stays below 2^53: plain numbers are exact.
  if (pounds.length <= 13) {
    const value = Number(pounds) * 100 + Number(hundredths);
    return pence(m[1] ? -value : value, field);
  }
  const value = BigInt(pounds) * 100n + BigInt(hundredths);
  return pence(m[1] ? -value : value, field);
}

/**
 * 123456 → "£1,234.56"; negative amounts are written "-£1,234.56". Takes a plain number too
 * (pence as the API sends them), which must be a whole, safe number of pence.
 */
export function formatPounds(amount: Pence | number): string {
  pence(amount);
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const pounds = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const p = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '-' : ''}£${pounds}.${p}`;
}

const penceInAMillion = 100_000_000;

/**
 * Money as a board reads it, in millions of pounds: 16_778_000_000 → "£167.78m". Rounded
 * half away from zero to `places` decimal places (0 to 8; 8 is to the penny), exactly, in
 * whole numbers; "-£1.37m" below zero, and never "-£0.00m". Detail tables keep `formatPounds`.
 */
export function formatMillions(amount: Pence | number, places = 2): string {
  pence(amount);
  if (!Number.isInteger(places) || places < 0 || places > 8)
    throw new InvalidInput('places', `${places} is not a whole number of decimal places from 0 to 8`);
  const unit = penceInAMillion / 10 ** places;
  const abs = Math.abs(amount);
  const rest = abs % unit;
  const units = (abs - rest) / unit + (rest * 2 >= unit ? 1 : 0);
  const scale = 10 ** places;
  const whole = Math.floor(units / scale)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = places ? `.${(units % scale).toString().padStart(places, '0')}` : '';
  return `${amount < 0 && units > 0 ? '-' : ''}£${whole}${fraction}m`;
}
