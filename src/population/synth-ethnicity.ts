import { InvalidInput } from '../core/errors.ts';
import { type EthnicGroup, ethnicCategories, ethnicGroups } from './ethnic-category.ts';
import { readReferenceFile, referenceRows } from './reference-data.ts';

/**
 * Ethnic category for synthetic people: the group drawn from the usual residents by ethnic group
 * of the local authority the person's LSOA lies in, ONS Census 2021 table TS021
 * (data/reference/census-2021-ethnic-group-by-la.csv), or England's (census-2021-ethnic-group-england.csv)
 * for an authority not in that file; within a group the NHS code is drawn evenly, since the
 * analyses use only the group. Drawn from a hash of the person's id and the data set's seed, so
 * it is the same whatever order people are made in and leaves the rest of the population unchanged.
 */
const englandFile = 'census-2021-ethnic-group-england.csv';
export const byLaFile = 'census-2021-ethnic-group-by-la.csv';

/** The five groups in the order the tables below hold them. */
const groups = ['asian', 'black', 'mixed', 'white', 'other'] as const satisfies readonly EthnicGroup[];

export function readCensusShares(csv: string): Map<EthnicGroup, number> {
  return new Map(
    referenceRows(englandFile, csv, 'ons_2021_group,usual_residents').map(({ fields, where }) => {
      const [group = '', residents = ''] = fields;
      if (!(ethnicGroups as readonly string[]).includes(group) || !/^\d+$/.test(residents))
        throw new InvalidInput(where, `"${fields.join(',')}" is not a group and a count`);
      return [group as EthnicGroup, Number(residents)];
    }),
  );
}

export interface LaResidents {
  name: string;
  /** Usual residents of each group, in the order asian, black, mixed, white, other. */
  residents: number[];
}

/** Reads the local authorities' usual residents by group (la_code, la_name, then the five groups). */
export function readCensusByLa(csv: string): Map<string, LaResidents> {
  const las = new Map<string, LaResidents>();
  for (const { fields, where } of referenceRows(byLaFile, csv, ['la_code', 'la_name', ...groups].join(','))) {
    const [code = '', name = '', ...counts] = fields;
    if (!/^E0[6-9]\d{6}$/.test(code))
      throw new InvalidInput(where, `"${code}" is not an English local authority code`);
    if (las.has(code)) throw new InvalidInput(where, `local authority ${code} appears twice`);
    if (
      counts.length !== groups.length ||
      !counts.every((c) => /^\d+$/.test(c)) ||
      counts.every((c) => c === '0')
    )
      throw new InvalidInput(
        where,
        `${code} needs a count of usual residents for each of ${groups.join(', ')}`,
      );
    las.set(code, { name, residents: counts.map(Number) });
  }
  return las;
}

/**
 * Districts that IMD 2019 (which says which authority each LSOA is in) still names, merged into
 * the unitary authorities the 2021 census reports: Buckinghamshire (April 2020) and North and
 * West Northamptonshire (April 2021).
 */
const successorOf: Record<string, string> = {
  E07000004: 'E06000060', // Aylesbury Vale
  E07000005: 'E06000060', // Chiltern
  E07000006: 'E06000060', // South Bucks
  E07000007: 'E06000060', // Wycombe
  E07000150: 'E06000061', // Corby
  E07000152: 'E06000061', // East Northamptonshire
  E07000153: 'E06000061', // Kettering
  E07000156: 'E06000061', // Wellingborough
  E07000151: 'E06000062', // Daventry
  E07000154: 'E06000062', // Northampton
  E07000155: 'E06000062', // South Northamptonshire
};

const england = readCensusShares(readReferenceFile(englandFile));
const byLa = readCensusByLa(readReferenceFile(byLaFile));

/** The usual residents by group the people of local authority `la` are drawn from: its own, else England's. */
export function residentsOf(la: string): readonly number[] {
  return byLa.get(successorOf[la] ?? la)?.residents ?? groups.map((g) => england.get(g) as number);
}

const codesOf = groups.map((g) => ethnicCategories.filter((c) => c.group === g).map((c) => c.code));

/** A 32-bit FNV-1a step. */
const fnv = (h: number, charCode: number) => Math.imul(h ^ charCode, 0x01000193);

/** A uniform number in [0, 1) from a 32-bit hash (MurmurHash3's finaliser). */
function uniform(h: number): number {
  let z = h;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
}

/** The code drawn for a person whose id hashes to `h`, from cumulative residents by group. */
function draw(h: number, cumulative: Float64Array): number {
  const target = uniform(h) * (cumulative[groups.length - 1] as number);
  let g = 0;
  while (g < groups.length - 1 && (cumulative[g] as number) <= target) g++;
  const codes = codesOf[g] as string[];
  return g * 16 + Math.floor(uniform(h ^ 0x9e3779b9) * codes.length);
}

function cumulativeOf(la: string): Float64Array {
  let sum = 0;
  return Float64Array.from(residentsOf(la), (n) => (sum += n));
}

const codeAt = (drawn: number) => (codesOf[drawn >> 4] as string[])[drawn & 15] as string;

/** The NHS ETHNIC CATEGORY code of the synthetic person `id` living in local authority `la`. */
export function syntheticEthnicity(id: string, seed: number, la = ''): string {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) h = fnv(h, id.charCodeAt(i));
  return codeAt(draw(h, cumulativeOf(la)));
}

/**
 * The same draws as syntheticEthnicity for ids written as `prefix` and a zero-padded serial, made
 * without building the id: the prefix is hashed once and each serial's digits added to it.
 */
export class EthnicityDraws {
  private readonly prefixHash: number;
  private readonly tableOfArea: Int32Array;
  private readonly tables: Float64Array[] = [];

  /** `areaLa`: the local authority of each area a person may live in (SynthReference.areas). */
  constructor(
    prefix: string,
    private readonly digits: number,
    seed: number,
    areaLa: readonly string[],
  ) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < prefix.length; i++) h = fnv(h, prefix.charCodeAt(i));
    this.prefixHash = h;
    const indexOf = new Map<string, number>();
    this.tableOfArea = Int32Array.from(areaLa, (la) => {
      let t = indexOf.get(la);
      if (t === undefined) {
        indexOf.set(la, (t = this.tables.length));
        this.tables.push(cumulativeOf(la));
      }
      return t;
    });
  }

  private drawn(serial: number, area: number): number {
    let h = this.prefixHash;
    for (let d = this.digits - 1, scale = 10 ** d; d >= 0; d--, scale /= 10) {
      h = fnv(h, 48 + (Math.floor(serial / scale) % 10));
    }
    return draw(h, this.tables[this.tableOfArea[area] as number] as Float64Array);
  }

  /** The code of person `serial`, living in area `area`. */
  codeOf(serial: number, area: number): string {
    return codeAt(this.drawn(serial, area));
  }

  /** The index in `ethnicityCodes` of the code of person `serial`, living in area `area`. */
  indexOf(serial: number, area: number): number {
    return this.drawn(serial, area);
  }
}

/** Every code by the index EthnicityDraws.indexOf gives: 16 a group, unused indices empty. */
export const ethnicityCodes: readonly string[] = Array.from(
  { length: 16 * groups.length },
  (_, drawn) => (codesOf[drawn >> 4] as string[])[drawn & 15] ?? '',
);
