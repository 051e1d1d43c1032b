import { majority, type Votes, vote } from './majority.ts';
import { practiceMap } from './reference-tables.ts';
import { loadWeightedPopulations } from './weighted-populations.ts';

/** The practices in an ICB today, by ODS code A–Z, from the August 2026 practice map. */
export function icbPractices(icb: string): string[] {
  return practiceMap()
    .filter((p) => p.icb === icb)
    .map((p) => p.practice)
    .sort();
}

/**
 * The local authorities (ONS LAD codes, A–Z) that these practices' patients mostly live in:
 * each practice's local authority in the 2025/26 allocation weighted populations.
 */
export function practiceLocalAuthorities(practices: readonly string[]): string[] {
  const wanted = new Set(practices);
  const areas = new Set<string>();
  for (const p of loadWeightedPopulations('2025/26')) if (wanted.has(p.practice) && p.la) areas.add(p.la);
  return [...areas].sort();
}

/**
 * The place each PCN belongs to: of `places` (ONS local authority codes), the one where most
 * of its practices sit in the 2025/26 allocation weighted populations (read from `dir` when
 * given), by the registry's majority rule. A PCN with no practice in any of them has none.
 */
export function placesOfPcns<Pcn>(
  members: Iterable<{ pcn: Pcn; practice: string }>,
  places: ReadonlySet<string>,
  dir?: string,
): Map<Pcn, string> {
  const area = new Map(loadWeightedPopulations('2025/26', dir).map((p) => [p.practice, p.la]));
  const tallies = new Map<Pcn, Votes>();
  for (const { pcn, practice } of members) {
    const place = area.get(practice);
    if (place && places.has(place)) vote(tallies, pcn, place);
  }
  return new Map([...tallies].map(([pcn, votes]) => [pcn, majority(votes)]));
}
