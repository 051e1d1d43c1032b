import { dataFilePath, nhsDataDir } from './data-files.ts';
import { readTable } from './gzip-csv.ts';
import { placesOfPcns } from './practices.ts';
import { loadWeightedPopulations } from './weighted-populations.ts';

/**
 * A small directory of one ICB's GP practices, for population health by area: each practice
 * today (the August 2026 practice map) with its primary care network and the local authority
 * it sits in (the LAD of NHS England's 2025/26 weighted populations), names as the registry
 * holds them. Practices in no PCN are grouped under one pseudo-network per ICB, code `U`.
 */
export interface DirectoryPractice {
  code: string;
  name: string;
  pcn: string;
  pcnName: string;
  /** ONS code of the local authority the practice sits in; null when the weighted populations do not list it. */
  la: string | null;
  laName: string | null;
}

export interface IcbDirectory {
  icb: string;
  /** The ICB's name as people write it: "NHS Black Country ICB". */
  name: string;
  /** By ODS code, A–Z. */
  practices: DirectoryPractice[];
}

/** The pseudo-network of an ICB's practices that belong to no PCN (the practice map's `U`). */
export const noPcn = { code: 'U', name: 'Practices in no PCN' } as const;

const directories = new Map<string, Map<string, IcbDirectory>>();

/** The ICB's directory, or null when the practice map has no such ICB. The map is read once per folder. */
export function icbDirectory(icb: string, dir = nhsDataDir): IcbDirectory | null {
  let all = directories.get(dir);
  if (!all) {
    all = readDirectories(dir);
    directories.set(dir, all);
  }
  return all.get(icb) ?? null;
}

function readDirectories(dir: string): Map<string, IcbDirectory> {
  const weights = new Map(loadWeightedPopulations('2025/26', dir).map((p) => [p.practice, p]));
  const out = new Map<string, IcbDirectory>();
  const rows = readTable(dataFilePath('practiceMap', dir), [
    'PRACTICE_CODE',
    'PRACTICE_NAME',
    'PCN_CODE',
    'PCN_NAME',
    'ICB_CODE',
    'ICB_NAME',
  ]);
  for (const r of rows) {
    const icb = r.ICB_CODE ?? '';
    const directory = out.get(icb) ?? {
      icb,
      name: (r.ICB_NAME ?? icb).replace(/ Integrated Care Board$/, ' ICB'),
      practices: [],
    };
    const code = r.PRACTICE_CODE ?? '';
    const w = weights.get(code);
    const inPcn = r.PCN_CODE && r.PCN_CODE !== noPcn.code;
    directory.practices.push({
      code,
      name: r.PRACTICE_NAME ?? code,
      pcn: inPcn ? (r.PCN_CODE as string) : noPcn.code,
      pcnName: inPcn ? (r.PCN_NAME ?? '') : noPcn.name,
      la: w?.la || null,
      laName: w?.la_name || null,
    });
    out.set(icb, directory);
  }
  for (const d of out.values()) d.practices.sort((a, b) => (a.code < b.code ? -1 : 1));
  return out;
}

export interface DirectoryPlace {
  /** The ONS code of the local authority the place is named after. */
  code: string;
  name: string;
  practices: string[];
}

/**
 * The ICB's places when no grouping is given: one per local authority, each primary care
 * network in the local authority where most of its practices sit (the registry's majority
 * rule, as the demo places its PCNs), and each practice in no PCN in its own local authority.
 * So a network is never split between places, and every practice with a local authority is in
 * exactly one place. By name.
 */
export function defaultPlaces(directory: IcbDirectory, dir = nhsDataDir): DirectoryPlace[] {
  const las = new Map(directory.practices.flatMap((p) => (p.la ? [[p.la, p.laName ?? p.la]] : [])));
  // A practice in no PCN votes alone, so it lands in its own local authority.
  const group = (p: DirectoryPractice) => (p.pcn === noPcn.code ? `practice ${p.code}` : `pcn ${p.pcn}`);
  const placeOf = placesOfPcns(
    directory.practices.map((p) => ({ pcn: group(p), practice: p.code })),
    new Set(las.keys()),
    dir,
  );
  const places = new Map<string, DirectoryPlace>();
  for (const p of directory.practices) {
    const la = placeOf.get(group(p));
    if (!la) continue;
    const place = places.get(la) ?? { code: la, name: las.get(la) ?? la, practices: [] };
    place.practices.push(p.code);
    places.set(la, place);
  }
  return [...places.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const lsoaCache = new Map<string, Map<string, string[]>>();

/**
 * The 2011 LSOAs of a local authority (its 2019 LAD code), from the IMD 2019 file the
 * synthetic population and the readers take deprivation from: where its unregistered
 * residents live.
 */
export function lsoasOfLocalAuthority(la: string, dir = nhsDataDir): string[] {
  let byLa = lsoaCache.get(dir);
  if (!byLa) {
    byLa = new Map();
    const lsoa = 'LSOA code (2011)';
    const lad = 'Local Authority District code (2019)';
    for (const r of readTable(dataFilePath('lsoaImd', dir), [lsoa, lad])) {
      const list = byLa.get(r[lad] ?? '') ?? [];
      list.push(r[lsoa] ?? '');
      byLa.set(r[lad] ?? '', list);
    }
    lsoaCache.set(dir, byLa);
  }
  return byLa.get(la) ?? [];
}
