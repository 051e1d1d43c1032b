import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Area,
  type AreaKind,
  areasOf,
  defaultGrouping,
  reportTitle,
  requireDirectory,
  servedOf,
} from './areas.ts';
import { DuckDbEngine } from './engines/duckdb.ts';
import { type EnglandComparators, englandComparators } from './england.ts';
import { type DatasetManifest, ingest } from './ingest.ts';
import { type PopulationReport, runAreaPipelines, runPipeline } from './pipeline.ts';
import { noSuppression } from './suppress.ts';
import { synthesise } from './synth.ts';

const dir = join(tmpdir(), `concordat-areas-${process.pid}`);
const qua = requireDirectory('QUA');
const grouping = defaultGrouping(qua);
const kinds = ['icb', 'place', 'la', 'pcn', 'practice'] as const;
const areas = kinds.flatMap((k) => areasOf(qua, grouping, k));
let engine: DuckDbEngine;
let manifest: DatasetManifest;
let england: EnglandComparators;
let on: string;
const reports = new Map<string, PopulationReport>();
let eventReads = 0;
const options = () => ({ on, manifest, england, suppression: noSuppression, checkLifeExpectancy: true });

beforeAll(async () => {
  ({ manifest } = await synthesise({ icb: 'QUA', out: dir, scale: 0.002, seed: 3, format: 'csv' }));
  on = manifest.analysisDate as string;
  engine = await DuckDbEngine.open();
  manifest = await ingest(engine, dir);
  england = await englandComparators();
  const icb = areas[0] as Area;
  // Count the statements that read the events, whether queries or table builds.
  const [query, run] = [engine.query.bind(engine), engine.run.bind(engine)];
  const counted =
    <T>(f: (sql: string) => Promise<T>) =>
    (sql: string) => {
      if (/FROM events\b/.test(sql)) eventReads++;
      return f(sql);
    };
  engine.query = counted(query);
  engine.run = counted(run);
  await runAreaPipelines(engine, servedOf(icb), areas, { ...options(), title: reportTitle }, async (a, r) => {
    reports.set(`${a.kind}:${a.code}`, r);
  });
  engine.query = query;
  engine.run = run;
}, 120_000);
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

const exact = (n: number | null) => {
  if (n === null) throw new Error('a count was suppressed with suppression off');
  return n;
};
const of = (kind: AreaKind) => [...reports.values()].filter((r) => r.area?.kind === kind);
const sum = (rs: PopulationReport[], f: (r: PopulationReport) => number | null) =>
  rs.reduce((s, r) => s + exact(f(r)), 0);

describe('population health by area', () => {
  it('reports every area of the ICB, headed with its name', () => {
    expect(reports.size).toBe(areas.length);
    const dudley = reports.get('place:E08000027');
    expect(dudley?.title).toBe('Population health for Dudley place, NHS Black Country ICB');
    expect(dudley?.area).toMatchObject({
      kind: 'place',
      name: 'Dudley',
      grouping: 'Places by local authority',
    });
    expect(dudley?.served.practices.length).toBe(grouping.places[0]?.practices.length);
  });

  it('reads the events for the whole ICB only (its table, the span of the data, the activity by year), not per area', () => {
    expect(areas.length).toBeGreaterThan(10);
    expect(eventReads).toBe(3);
  });

  it('gives each area the report it would have on its own, though the events are read for the ICB only', async () => {
    for (const key of ['icb:QUA', 'place:E08000030', 'la:E08000025', 'pcn:U66146', 'practice:M87003']) {
      const area = areas.find((a) => `${a.kind}:${a.code}` === key) as Area;
      const alone = await runPipeline(engine, {
        ...options(),
        served: servedOf(area),
        area: reports.get(key)?.area ?? null,
        title: reportTitle(area),
      });
      expect(alone, key).toEqual(reports.get(key));
    }
  });

  it('adds up, before suppression: places, PCNs and practices to the ICB’s registered patients, local authorities to everyone', () => {
    const icb = reports.get('icb:QUA') as PopulationReport;
    const registered = exact(icb.served.registered);
    expect(registered).toBeGreaterThan(2000);
    expect(exact(icb.served.unregisteredResidents)).toBeGreaterThan(0);
    for (const kind of ['place', 'pcn', 'practice'] as const) {
      expect(
        sum(of(kind), (r) => r.served.registered),
        kind,
      ).toBe(registered);
      expect(
        sum(of(kind), (r) => r.served.unregisteredResidents),
        kind,
      ).toBe(0);
    }
    // A local authority serves its practices' patients and the unregistered people living in it.
    expect(sum(of('la'), (r) => r.served.total)).toBe(icb.served.total);
    expect(sum(of('la'), (r) => r.served.registered)).toBe(registered);
    // Every measure is there for every area: segments, risk bands and deaths add up too.
    const segment = (r: PopulationReport, id: number) => r.segments.find((s) => s.id === id)?.persons ?? 0;
    for (const id of [1, 5, 9]) expect(sum(of('la'), (r) => segment(r, id))).toBe(segment(icb, id));
    const deaths = (r: PopulationReport) =>
      r.inequalities.lifeExpectancy
        .filter((l) => l.decile === 'All')
        .reduce((s, l) => s + exact(l.deaths), 0);
    expect(sum(of('la'), deaths)).toBe(deaths(icb));
    expect(sum(of('place'), deaths)).toBeLessThanOrEqual(deaths(icb));
  });
});
