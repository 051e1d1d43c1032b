import { z } from 'zod';

/**
 * Money written in a contract file as pounds text (`"£1,250,000.00"`) and held as integer
 * pence, so it never passes through a float. The money module owns arithmetic and display;
 * this is only the file format's parser (the amounts here are recorded, not computed on).
 */
export const PoundsText = z
  .string()
  .regex(/^£?\d{1,3}(,?\d{3})*(\.\d{1,2})?$/, 'must be an amount in pounds, for example "£12,345.00"')
  .transform((text) => poundsToPence(text));

export function poundsToPence(text: string): number {
  const [whole = '0', fraction = ''] = text.replace(/[£,]/g, '').split('.');
  const pence = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (pence > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${text} is too large to hold exactly`);
  return Number(pence);
}

/** A decimal number written as text (`"72.5"`), compared exactly. */
export const DecimalText = z
  .union([z.number(), z.string()])
  .transform((v) => String(v))
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'must be a decimal number, for example "72.5"');

/** Compares two decimal strings exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const diff = scaled(a, scale) - scaled(b, scale);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

function fractionDigits(v: string): number {
  return v.split('.')[1]?.length ?? 0;
}

function scaled(v: string, scale: number): bigint {
  const negative = v.startsWith('-');
  const [whole = '0', fraction = ''] = v.replace('-', '').split('.');
  const n = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -n : n;
}
