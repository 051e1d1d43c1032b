import { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import { type Pence, parsePounds } from '../core/money.ts';
import { compare, parseDecimal, type Rate, ratio } from '../money/rate.ts';

/**
 * Money written in a contract file as pounds text (`"£1,250,000.00"`), held as integer pence
 * (src/core/money.ts reads it; a bad amount is reported at its line like any other field).
 */
export const PoundsText = z.string().transform((text, ctx): Pence => {
  try {
    return parsePounds(text);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    ctx.addIssue({ code: 'custom', message: `${error.problem}. ${error.hint ?? ''}`.trim() });
    return z.NEVER;
  }
});

/** A decimal number written as text (`"72.5"`) so it stays exact; compared with src/money/rate.ts. */
export const DecimalText = z
  .union([z.number(), z.string()])
  .transform((v) => String(v))
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'must be a decimal number, for example "72.5"');

/** Compares two decimal strings exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  return compare(parseDecimal(a), parseDecimal(b));
}

/** assets ÷ liabilities ≥ minimum, exactly (no liabilities: always met). */
export function ratioAtLeast(assets: number, liabilities: number, minimum: string): boolean {
  if (liabilities <= 0) return true;
  const actual: Rate = ratio(BigInt(assets), BigInt(liabilities));
  return compare(actual, parseDecimal(minimum)) >= 0;
}
