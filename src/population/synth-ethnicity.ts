import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInput } from '../core/errors.ts';
import { type EthnicGroup, ethnicCategories, ethnicGroups } from './ethnic-category.ts';
import { cumulative, Random } from './random.ts';

/**
 * Ethnic category for synthetic people: the group drawn from England's usual residents by
 * ethnic group in the ONS Census 2021 (table TS021, data/reference/census-2021-ethnic-group-england.csv),
 * the national shares because the local authority tables are not shipped; within a group the
 * NHS code is drawn evenly, since the analyses use only the group. Drawn from a generator
 * seeded by the person's id and the data set's seed, so it is the same whatever order people
 * are made in and leaves the rest of the synthetic population unchanged.
 */
const file = fileURLToPath(
  new URL('../../data/reference/census-2021-ethnic-group-england.csv', import.meta.url),
);

export function readCensusShares(csv: string): Map<EthnicGroup, number> {
  const lines = csv.trim().split(/\r?\n/);
  if (lines[0] !== 'ons_2021_group,usual_residents')
    throw new InvalidInput(
      'census-2021-ethnic-group-england.csv',
      'must start with the header ons_2021_group,usual_residents',
    );
  return new Map(
    lines.slice(1).map((line, i) => {
      const [group = '', residents = ''] = line.split(',');
      if (!(ethnicGroups as readonly string[]).includes(group) || !/^\d+$/.test(residents))
        throw new InvalidInput(
          `census-2021-ethnic-group-england.csv line ${i + 2}`,
          `"${line}" is not a group and a count`,
        );
      return [group as EthnicGroup, Number(residents)];
    }),
  );
}

const shares = readCensusShares(readFileSync(file, 'utf8'));
const groups = [...shares.keys()];
const groupTable = cumulative(groups.map((g) => shares.get(g) as number));
const codesOf = new Map(
  groups.map((g) => [g, ethnicCategories.filter((c) => c.group === g).map((c) => c.code)]),
);

/** A 32-bit FNV-1a hash of the id, mixed with the seed. */
function hash(id: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The NHS ETHNIC CATEGORY code of the synthetic person `id`. */
export function syntheticEthnicity(id: string, seed: number): string {
  const rng = new Random(hash(id, seed));
  const codes = codesOf.get(groups[rng.pick(groupTable)] as EthnicGroup) as string[];
  return codes[rng.int(codes.length)] as string;
}
