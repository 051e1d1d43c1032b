import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { icbDirectory } from '../system/icb-directory.ts';
import { practiceMap } from '../system/reference-tables.ts';
import {
  type AreaKind,
  areasOf,
  defaultGrouping,
  findArea,
  parseAreaRequest,
  reportTitle,
  requestedAreas,
  requireDirectory,
} from './areas.ts';
import { readGroupingFile } from './grouping-file.ts';

const qua = requireDirectory('QUA');
const places = defaultGrouping(qua);
const codesOf = (kind: AreaKind) => areasOf(qua, places, kind).map((a) => a.practices);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** How many areas of a list hold each practice. */
function holders(lists: readonly (readonly string[])[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const list of lists) for (const p of list) count.set(p, (count.get(p) ?? 0) + 1);
  return count;
}

describe('areas of an ICB', () => {
  it('puts every practice of the ICB in exactly one place, local authority, PCN and practice', () => {
    const all = qua.practices.map((p) => p.code);
    expect(all.length).toBe(169);
    for (const kind of ['place', 'la', 'pcn', 'practice'] as const) {
      const count = holders(codesOf(kind));
      expect([...count.keys()].sort(), kind).toEqual(all);
      expect(
        [...count.values()].every((n) => n === 1),
        kind,
      ).toBe(true);
    }
  });

  it('by default places each PCN in the local authority where most of its practices are, so no network is split', () => {
    expect(places.places.map((p) => `${p.name} ${p.code}`)).toEqual([
      'Dudley E08000027',
      'Sandwell E08000028',
      'Walsall E08000030',
      'Wolverhampton E08000031',
    ]);
    // Great Barr Practice sits in Birmingham but its PCN is in Sandwell.
    expect(places.places.find((p) => p.name === 'Sandwell')?.practices).toContain('M88015');
    const placeOf = new Map(places.places.flatMap((p) => p.practices.map((c) => [c, p.code])));
    const pcns = new Map<string, Set<string>>();
    for (const p of qua.practices)
      if (p.pcn !== 'U') pcns.set(p.pcn, (pcns.get(p.pcn) ?? new Set()).add(placeOf.get(p.code) ?? ''));
    expect([...pcns.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('places every practice of every ICB in England exactly once by default', () => {
    const icbs = new Set(practiceMap().map((p) => p.icb));
    expect(icbs.size).toBe(36);
    for (const icb of icbs) {
      const directory = icbDirectory(icb);
      if (!directory) throw new Error(`no directory for ${icb}`);
      const count = holders(defaultGrouping(directory).places.map((p) => p.practices));
      expect(count.size, icb).toBe(directory.practices.length);
      expect(
        [...count.values()].every((n) => n === 1),
        icb,
      ).toBe(true);
    }
  });

  it('names each area as people write it, with the ICB, and a local authority with its unregistered residents', () => {
    const dudley = findArea(areasOf(qua, places, 'place'), 'place', 'dudley');
    expect(reportTitle(dudley)).toBe('Population health for Dudley place, NHS Black Country ICB');
    expect(dudley.lsoas).toEqual([]);
    const icb = findArea(areasOf(qua, places, 'icb'), 'icb', 'QUA');
    expect(reportTitle(icb)).toBe('Population health for NHS Black Country ICB');
    expect(icb.lsoas).toBeUndefined();
    const la = findArea(areasOf(qua, places, 'la'), 'la', 'E08000027');
    expect(la.label).toBe('Dudley local authority');
    expect(la.lsoas?.length).toBeGreaterThan(150);
    expect(la.lsoas).toContain('E01009733');
    const pcn = findArea(areasOf(qua, places, 'pcn'), 'pcn', 'U66146');
    expect(pcn.name).toBe('Brierley Hill PCN');
    expect(findArea(areasOf(qua, places, 'practice'), 'practice', 'm87003').name).toBe('Moss Grove Surgery');
    expect(findArea(areasOf(qua, places, 'pcn'), 'pcn', 'U').name).toBe('Practices in no PCN');
  });

  it('reads --area as one area, every area of a kind, or all, and refuses anything else naming the flag', () => {
    expect(parseAreaRequest('place:Dudley')).toEqual({ kind: 'place', value: 'Dudley' });
    expect(parseAreaRequest('PCN')).toEqual({ kind: 'pcn', value: null });
    expect(parseAreaRequest('all')).toEqual({ kind: 'all', value: null });
    expect(() => parseAreaRequest('ward:12')).toThrow(
      "--area: 'ward:12' is not an area. Use icb, all, place, la, pcn or practice (every area of that kind), or one area as place:NAME, la:CODE, pcn:CODE or practice:CODE.",
    );
    expect(() => parseAreaRequest('place:')).toThrow(/--area: 'place:' is not an area/);
    expect(() => findArea(areasOf(qua, places, 'place'), 'place', 'Stafford')).toThrow(
      "--area: 'Stafford' is not a place of NHS Black Country ICB. Use one of: Dudley (place:E08000027), Sandwell (place:E08000028), Walsall (place:E08000030), Wolverhampton (place:E08000031).",
    );
    expect(() => findArea(areasOf(qua, places, 'practice'), 'practice', 'X1')).toThrow(
      /Use one of its 169 codes, for example .* \(practice:M8\d{4}\).*; concordat registry tree QUA lists them/,
    );
    const chosen = requestedAreas(qua, places, [
      parseAreaRequest('place'),
      parseAreaRequest('la:E08000027'),
      parseAreaRequest('place:Walsall'),
    ]);
    expect(chosen.map((a) => `${a.kind}:${a.code}`)).toEqual([
      'place:E08000027',
      'place:E08000028',
      'place:E08000030',
      'place:E08000031',
      'la:E08000027',
    ]);
    expect(requestedAreas(qua, places, [parseAreaRequest('all')]).length).toBe(1 + 4 + 5 + 28 + 169);
  });
});

describe('a grouping file', () => {
  const write = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'concordat-grouping-'));
    dirs.push(dir);
    const file = join(dir, 'grouping.yaml');
    writeFileSync(file, text);
    return file;
  };

  it("reads concordat allocate's places file, local authorities and hand-placed practices", () => {
    const file = fileURLToPath(new URL('../../examples/places/black-country-2025-26.yaml', import.meta.url));
    const grouping = readGroupingFile(file, qua);
    expect(grouping.name).toBe('NHS Black Country ICB place allocation 2025/26 (illustrative amounts)');
    expect(grouping.places.map((p) => p.code)).toEqual(['dudley', 'sandwell', 'walsall', 'wolverhampton']);
    expect(grouping.places[1]?.practices).toContain('M88015');
  });

  it('reads a saved grouping as the API gives it, codes from the names, and refuses one that leaves a practice out', () => {
    const all = qua.practices.map((p) => p.code);
    const json = (practices: string[]) =>
      JSON.stringify({
        id: 'grouping-1',
        name: 'North and south',
        year: '2025/26',
        places: [
          { name: 'North Black Country', practices: practices.slice(0, 80) },
          { name: 'South', practices: practices.slice(80) },
        ],
        pot: null,
        version: 2,
      });
    // The weighted populations list six practices the 2026 map no longer has: a grouping saved
    // on the Place allocation page holds them, one made from today's practices does not.
    const closed = ['M87621', 'M88031', 'M88044', 'M91660', 'M92007', 'M92640'];
    for (const practices of [[...all, ...closed], all]) {
      const grouping = readGroupingFile(write(json(practices)), qua);
      expect(grouping.name).toBe('North and south');
      expect(grouping.places.map((p) => p.code)).toEqual(['north-black-country', 'south']);
      const areas = areasOf(qua, grouping, 'place');
      expect(areas.reduce((n, a) => n + a.practices.length, 0)).toBe(169);
    }
    expect(() => readGroupingFile(write(json(all.slice(1))), qua)).toThrow(/--grouping .*grouping\.yaml/);
  });
});
