import { nhsDataDir } from './data-files.ts';
import { placesOfPcns } from './practices.ts';
import { lsoaDeprivation, practiceMap } from './reference-tables.ts';
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

let directories: Map<string, IcbDirectory> | undefined;

/** The ICB's directory, or null when the practice map has no such ICB. Made once, for every ICB. */
export function icbDirectory(icb: string): IcbDirectory | null {
  directories ??= readDirectories();
  return directories.get(icb) ?? null;
}

function readDirectories(): Map<string, IcbDirectory> {
  const weights = new Map(loadWeightedPopulations('2025/26').map((p) => [p.practice, p]));
  const out = new Map<string, IcbDirectory>();
  for (const r of practiceMap()) {
    const directory = out.get(r.icb) ?? {
      icb: r.icb,
      name: (r.icbName || r.icb).replace(/ Integrated Care Board$/, ' ICB'),
      practices: [],
    };
    const w = weights.get(r.practice);
    const inPcn = r.pcn && r.pcn !== noPcn.code;
    directory.practices.push({
      code: r.practice,
      name: r.practiceName || r.practice,
      pcn: inPcn ? r.pcn : noPcn.code,
      pcnName: inPcn ? r.pcnName : noPcn.name,
      la: w?.la || null,
      laName: w?.la_name || null,
    });
    out.set(r.icb, directory);
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

let lsoasByLa: Map<string, string[]> | undefined;

/**
 * The 2011 LSOAs of a local authority (its 2019 LAD code), from the IMD 2019 file the
 * synthetic population and the readers take deprivation from: where its unregistered
 * residents live.
 */
export function lsoasOfLocalAuthority(la: string): string[] {
  if (!lsoasByLa) {
    lsoasByLa = new Map();
    for (const l of lsoaDeprivation()) {
      const list = lsoasByLa.get(l.localAuthority) ?? [];
      list.push(l.lsoa);
      lsoasByLa.set(l.localAuthority, list);
    }
  }
  return lsoasByLa.get(la) ?? [];
}
