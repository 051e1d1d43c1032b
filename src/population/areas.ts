import { InvalidInput } from '../core/errors.ts';
import { organisationName } from '../core/names.ts';
import {
  defaultPlaces,
  type IcbDirectory,
  icbDirectory,
  lsoasOfLocalAuthority,
} from '../system/icb-directory.ts';
import type { ServedPopulation } from './sql.ts';

/**
 * The parts of an ICB a population health report can be for: the whole ICB, a place, a local
 * authority, a primary care network or a GP practice. Every area is a set of the ICB's
 * practices (and, for the whole ICB and a local authority, the unregistered residents of its
 * area): the analyses run on the people registered with them, so every measure is available
 * for every area under the same disclosure control (docs/population.md, "By area").
 */
export const areaKinds = ['icb', 'place', 'la', 'pcn', 'practice'] as const;
export type AreaKind = (typeof areaKinds)[number];

/** What one area of each kind is called in a sentence ("a place", "a local authority"). */
export const areaKindNames: Record<AreaKind, string> = {
  icb: 'the whole ICB',
  place: 'place',
  la: 'local authority',
  pcn: 'primary care network',
  practice: 'GP practice',
};

/** A place: a named set of the ICB's practices. `code` is a local authority code or lowercase words joined by dashes. */
export interface Place {
  code: string;
  name: string;
  practices: readonly string[];
}

/** The places an ICB's practices are grouped into, under the grouping's name. */
export interface PlaceGrouping {
  name: string;
  places: readonly Place[];
}

/** What a report says about the area it is for. */
export interface AreaSummary {
  kind: AreaKind;
  code: string;
  /** As people write it: "Dudley", "Brierley Hill PCN", "Moss Grove Surgery". */
  name: string;
  /** The name in a heading: "Dudley place", "Dudley local authority", "NHS Black Country ICB". */
  label: string;
  icb: string;
  icbName: string;
  /** The grouping a place comes from; null for other kinds. */
  grouping: string | null;
}

export interface Area extends AreaSummary {
  practices: readonly string[];
  /** LSOAs whose unregistered residents are served: every one in the data when absent, none when empty. */
  lsoas?: readonly string[];
}

export const defaultGroupingName = 'Places by local authority';

/** The ICB's directory, or bad input naming the flag and what to try. */
export function requireDirectory(icb: string, flag = '--icb'): IcbDirectory {
  const directory = icbDirectory(icb);
  if (!directory)
    throw new InvalidInput(flag, `'${icb}' is not an ICB code in the August 2026 practice map`, 'Try QUA.');
  return directory;
}

/** The default grouping: a place per local authority, each PCN where most of its practices are. */
export function defaultGrouping(directory: IcbDirectory): PlaceGrouping {
  return { name: defaultGroupingName, places: defaultPlaces(directory) };
}

function labelOf(kind: AreaKind, name: string): string {
  if (kind === 'place') return `${name} place`;
  if (kind === 'la') return `${name} local authority`;
  return name;
}

/** Every area of one kind in the ICB, by name; places from `grouping`. */
export function areasOf(directory: IcbDirectory, grouping: PlaceGrouping, kind: AreaKind): Area[] {
  const { icb, name: icbName } = directory;
  const area = (code: string, rawName: string, practices: string[], lsoas?: readonly string[]): Area => {
    const name = organisationName(rawName);
    return {
      kind,
      code,
      name,
      label: labelOf(kind, name),
      icb,
      icbName,
      grouping: kind === 'place' ? grouping.name : null,
      practices,
      ...(lsoas ? { lsoas } : {}),
    };
  };
  const all = directory.practices;
  const codes = new Set(all.map((p) => p.code));
  const by = (key: (p: (typeof all)[number]) => string | null, name: (p: (typeof all)[number]) => string) => {
    const groups = new Map<string, { name: string; practices: string[] }>();
    for (const p of all) {
      const k = key(p);
      if (k === null) continue;
      const g = groups.get(k) ?? { name: name(p), practices: [] };
      g.practices.push(p.code);
      groups.set(k, g);
    }
    return [...groups];
  };
  let areas: Area[];
  if (kind === 'icb') areas = [area(icb, icbName, [...codes])];
  else if (kind === 'place')
    areas = grouping.places.map((p) =>
      area(
        p.code,
        p.name,
        p.practices.filter((c) => codes.has(c)),
        [],
      ),
    );
  else if (kind === 'la')
    areas = by(
      (p) => p.la,
      (p) => p.laName ?? '',
    ).map(([la, g]) => area(la, g.name, g.practices, lsoasOfLocalAuthority(la)));
  else if (kind === 'pcn')
    areas = by(
      (p) => p.pcn,
      (p) => p.pcnName,
    ).map(([pcn, g]) => area(pcn, g.name, g.practices, []));
  else areas = all.map((p) => area(p.code, p.name, [p.code], []));
  return areas.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.code < b.code ? -1 : 1));
}

/** A report's title: "Population health for Dudley place, NHS Black Country ICB". */
export function reportTitle(area: AreaSummary): string {
  return `Population health for ${area.kind === 'icb' ? area.label : `${area.label}, ${area.icbName}`}`;
}

/** The population an area's report is about. */
export function servedOf(area: Area): ServedPopulation {
  return { practices: area.practices, ...(area.lsoas ? { lsoas: area.lsoas } : {}) };
}

/** The part of an area a report keeps (without its lists of practices and LSOAs). */
export function summaryOf(area: Area): AreaSummary {
  const { kind, code, name, label, icb, icbName, grouping } = area;
  return { kind, code, name, label, icb, icbName, grouping };
}

/** `--area` as typed: one area (`place:Dudley`), every area of a kind (`pcn`), or every area (`all`). */
export type AreaRequest = { kind: AreaKind; value: string | null } | { kind: 'all'; value: null };

const grammar =
  'Use icb, all, place, la, pcn or practice (every area of that kind), or one area as place:NAME, la:CODE, pcn:CODE or practice:CODE.';

export function parseAreaRequest(text: string, flag = '--area'): AreaRequest {
  const at = text.indexOf(':');
  const kind = (at < 0 ? text : text.slice(0, at)).trim().toLowerCase();
  const value = at < 0 ? null : text.slice(at + 1).trim();
  if (kind === 'all' && value === null) return { kind: 'all', value: null };
  if (!(areaKinds as readonly string[]).includes(kind) || value === '')
    throw new InvalidInput(flag, `'${text}' is not an area`, grammar);
  return { kind: kind as AreaKind, value };
}

/** How many choices an error lists in full before it gives a few and says where the rest are. */
const listedChoices = 40;

/** The area a request names, by code or by name (either case); bad input listing the choices when none matches. */
export function findArea(areas: readonly Area[], kind: AreaKind, value: string, flag = '--area'): Area {
  const wanted = value.toLowerCase();
  const found =
    areas.find((a) => a.code.toLowerCase() === wanted) ??
    areas.find((a) => a.name.toLowerCase() === wanted || a.label.toLowerCase() === wanted);
  if (found) return found;
  const icbName = areas[0]?.icbName ?? 'the ICB';
  const choice = (a: Area) => `${a.name} (${kind}:${a.code})`;
  const hint =
    areas.length === 0
      ? `${icbName} has no ${areaKindNames[kind]}.`
      : areas.length <= listedChoices
        ? `Use one of: ${areas.map(choice).join(', ')}.`
        : `Use one of its ${areas.length} codes, for example ${areas.slice(0, 3).map(choice).join(', ')}; concordat registry tree ${areas[0]?.icb} lists them.`;
  throw new InvalidInput(flag, `'${value}' is not a ${areaKindNames[kind]} of ${icbName}`, hint);
}

/** The areas `--area` asks for, in the order asked, each once. */
export function requestedAreas(
  directory: IcbDirectory,
  grouping: PlaceGrouping,
  requests: readonly AreaRequest[],
): Area[] {
  const out = new Map<string, Area>();
  for (const r of requests) {
    const kinds = r.kind === 'all' ? areaKinds : [r.kind];
    for (const kind of kinds) {
      const areas = areasOf(directory, grouping, kind);
      const chosen = r.value === null ? areas : [findArea(areas, kind, r.value)];
      for (const a of chosen) out.set(`${a.kind}:${a.code}`, a);
    }
  }
  return [...out.values()];
}
