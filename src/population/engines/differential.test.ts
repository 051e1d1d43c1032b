import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icbPractices } from '../../system/practices.ts';
import { type Area, areasOf, defaultGrouping, reportTitle, requireDirectory } from '../areas.ts';
import { englandComparators } from '../england.ts';
import { ingest } from '../ingest.ts';
import { type PopulationReport, runAreaPipelines, runPipeline } from '../pipeline.ts';
import { noSuppression } from '../suppress.ts';
import { synthesise } from '../synth.ts';
import { fixtureDate, fixtureServed, writeFixture } from '../test-fixture.ts';
import { ChdbEngine } from './chdb.ts';
import { ClickHouseEngine } from './clickhouse.ts';
import { type ClickHouseCluster, clickHouseServerBinary, startLocalCluster } from './clickhouse-cluster.ts';
import { DuckDbEngine } from './duckdb.ts';

/**
 * Every engine must give identical reports for the same data: DuckDB, Debian's ClickHouse 18.16
 * as a two-shard cluster (started in a temporary folder; `npm test` installs clickhouse-server
 * first) and today's ClickHouse 26.x in process through chdb. Without ClickHouse this fails
 * rather than skips: the engines could disagree unseen.
 */
describe('DuckDB, a two-shard ClickHouse 18.16 cluster and ClickHouse 26.x (chdb) agree', () => {
  let cluster: ClickHouseCluster;
  let chdb: ChdbEngine;
  const dirs: string[] = [];
  beforeAll(async () => {
    if (!existsSync(clickHouseServerBinary())) {
      throw new Error(
        `clickhouse-server is not at ${clickHouseServerBinary()}: run npm test (it installs it) or apt-get install clickhouse-server`,
      );
    }
    cluster = await startLocalCluster(2);
    chdb = await ChdbEngine.open();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    await chdb?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('runs ClickHouse 26 through chdb', async () => {
    expect(await chdb.version()).toMatch(/^26\./);
  });

  /** Each engine's report for `served`, then its report for each area (all parts of `served`). */
  async function all(
    dir: string,
    served: { practices: string[] },
    on: string,
    areas: readonly Area[] = [],
  ): Promise<PopulationReport[][]> {
    const duck = await DuckDbEngine.open();
    try {
      const manifest = await ingest(duck, dir);
      const ch = new ClickHouseEngine(cluster.urls, cluster.name);
      await ch.loadFrom(duck);
      await chdb.loadFrom(duck);
      const shardRows = await Promise.all(
        cluster.urls.map(
          async (url) =>
            (
              await new ClickHouseEngine([url], cluster.name).query('SELECT count(*) FROM persons_local')
            )[0]?.[0],
        ),
      );
      expect(shardRows.every((n) => Number(n) > 0) || shardRows.length < 2).toBe(true);
      // Each shard holds every condition and event of its own persons, and nothing else.
      const perShard = await Promise.all(
        cluster.urls.map(async (url) => {
          const shard = new ClickHouseEngine([url], cluster.name);
          const [[events, strays] = []] = await shard.query(
            `SELECT count(*), sum(person_id NOT IN (SELECT person_id FROM persons_local)) FROM events_local`,
          );
          const [[conditionStrays] = []] = await shard.query(
            `SELECT count(*) FROM conditions_local WHERE person_id NOT IN (SELECT person_id FROM persons_local)`,
          );
          return { events: Number(events), strays: Number(strays) + Number(conditionStrays) };
        }),
      );
      expect(perShard.map((s) => s.strays)).toEqual(cluster.urls.map(() => 0));
      expect(perShard.reduce((n, s) => n + s.events, 0)).toBe(
        Number((await duck.query('SELECT count(*) FROM events'))[0]?.[0]),
      );
      const england = await englandComparators();
      const options = {
        title: 'differential',
        on,
        served,
        manifest,
        england,
        suppression: noSuppression,
        topPercent: 10,
      };
      const out: PopulationReport[][] = [];
      for (const engine of [duck, ch, chdb]) {
        const reports = [await runPipeline(engine, options)];
        await runAreaPipelines(engine, served, areas, { ...options, title: reportTitle }, async (_, r) => {
          reports.push(r);
        });
        out.push(reports);
      }
      return out;
    } finally {
      await duck.close();
    }
  }

  it('on the hand-made fixture', async () => {
    const dir = writeFixture();
    dirs.push(dir);
    const [[duck] = [], [ch] = [], [ch26] = []] = await all(
      dir,
      { practices: [...fixtureServed.practices] },
      fixtureDate,
    );
    expect(ch?.engine).toBe('clickhouse');
    expect({ ...ch, engine: 'same' }).toEqual({ ...duck, engine: 'same' });
    expect({ ...ch26, engine: 'same' }).toEqual({ ...duck, engine: 'same' });
    expect(duck?.served.total).toBe(5);
    // Asian, Black, Mixed, White, Other, not stated or known (P2 has none, P4 is Z).
    expect(duck?.ethnicity.groups.map((g) => g.persons)).toEqual([1, 1, 0, 1, 0, 2]);
  }, 60_000);

  it('on a small synthetic ICB', async () => {
    const dir = join(tmpdir(), `concordat-diff-${process.pid}`);
    dirs.push(dir);
    const { manifest } = await synthesise({ icb: 'QUA', out: dir, scale: 0.002, seed: 3, format: 'csv' });
    // Every place and local authority, and a PCN and a practice, narrowed from the ICB's table.
    const qua = requireDirectory('QUA');
    const grouping = defaultGrouping(qua);
    const areas = [
      ...areasOf(qua, grouping, 'place'),
      ...areasOf(qua, grouping, 'la'),
      ...areasOf(qua, grouping, 'pcn').filter((a) => a.code === 'U66146' || a.code === 'U'),
      ...areasOf(qua, grouping, 'practice').filter((a) => a.code === 'M87003'),
    ];
    const [duck = [], ch = [], ch26 = []] = await all(
      dir,
      { practices: icbPractices('QUA') },
      manifest.analysisDate as string,
      areas,
    );
    expect(duck.length).toBe(1 + areas.length);
    duck.forEach((report, i) => {
      expect({ ...ch[i], engine: 'same' }, report.title).toEqual({ ...report, engine: 'same' });
      expect({ ...ch26[i], engine: 'same' }, report.title).toEqual({ ...report, engine: 'same' });
    });
    expect(duck[0]?.served.total).toBeGreaterThan(2000);
    expect(duck.slice(1).every((r) => r.area !== null)).toBe(true);
    expect(duck[0]?.ethnicity.groups.filter((g) => (g.persons ?? 0) > 0).length).toBe(5);
  }, 120_000);
});
