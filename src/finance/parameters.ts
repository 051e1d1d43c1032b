import { InvalidInput } from '../core/errors.ts';
import { type Pence, pence } from '../core/money.ts';
import type { Rulebook } from '../law/rulebook.ts';
import { type FinancialYear, yearStart } from '../money/calendar.ts';
import { divide, parseDecimal, type Rate, ratio } from '../money/rate.ts';
import { type ParameterUse, parameterUse } from './trace.ts';

/**
 * Reads a dated money parameter (rulebook/parameters/money.yaml) for a financial year: the
 * version in force on 1 April of that year. A year the rulebook has no value for is bad
 * input naming the field that needed it, never a silent default.
 */
export function yearParameter(
  rulebook: Rulebook,
  id: string,
  year: FinancialYear,
  field: string,
): ParameterUse {
  const entry = rulebook.entry(id);
  const version = rulebook.versionOn(entry, yearStart(year));
  if (!version) {
    const spans = entry.versions.map((v) => `${v.from} to ${v.to ?? 'today'}`).join('; ');
    throw new InvalidInput(
      field,
      `the rulebook has no value of '${id}' (${entry.title}) for ${year}`,
      `Its values cover ${spans}. Give a locally agreed value in the arrangement file, or add a dated version to rulebook/parameters.`,
    );
  }
  return parameterUse(rulebook.parameter(id, yearStart(year)));
}

/** The parameter as an exact rate: percentages become fractions (2.5 → 1/40). */
export function asRate(p: ParameterUse): Rate {
  const r = parseDecimal(p.value, p.id);
  return p.unit === 'percent' ? divide(r, ratio(100n)) : r;
}

export function asPence(p: ParameterUse): Pence {
  if (p.unit !== 'pence') throw new InvalidInput(p.id, `is in ${p.unit}, not pence`);
  return pence(Number(p.value), p.id);
}

export function asCount(p: ParameterUse): number {
  const n = Number(p.value);
  if (!Number.isInteger(n)) throw new InvalidInput(p.id, `${p.value} is not a whole number`);
  return n;
}
