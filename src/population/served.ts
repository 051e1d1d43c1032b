import type { Engine, Row } from './engines/engine.ts';
import { num } from './profile.ts';
import { aggregateSql } from './sql.ts';
import { defaultSuppression, type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

export interface PopulationServed {
  on: string;
  total: SafeCount;
  registered: SafeCount;
  unregisteredResidents: SafeCount;
  practices: { practice: string; persons: SafeCount }[];
}

/**
 * The population an ICP serves on a date: people alive and registered that day with one of
 * the integrated practices, plus unregistered people living in the contract's area (seed 001,
 * ICP Contract draft 2018, para 30: the provider is responsible for the health of the whole
 * population, not only those on its lists).
 */
export async function populationServed(
  engine: Engine,
  on: string,
  policy = defaultSuppression,
): Promise<PopulationServed> {
  return servedFromRows(await engine.query(aggregateSql.servedByPractice(engine)), on, policy);
}

/** The population served from the rows of `aggregateSql.servedByPractice`. */
export function servedFromRows(
  rows: readonly Row[],
  on: string,
  policy: SuppressionPolicy,
): PopulationServed {
  let registered = 0;
  let unregistered = 0;
  const practices: PopulationServed['practices'] = [];
  for (const [code, n] of rows) {
    if (code === '') unregistered += num(n);
    else {
      registered += num(n);
      practices.push({ practice: String(code), persons: suppress(num(n), policy) });
    }
  }
  return {
    on,
    total: suppress(registered + unregistered, policy),
    registered: suppress(registered, policy),
    unregisteredResidents: suppress(unregistered, policy),
    practices,
  };
}
