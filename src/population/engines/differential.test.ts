import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icbPractices } from '../../system/practices.ts';
import { englandComparators } from '../england.ts';
import { ingest } from '../ingest.ts';
import { type PopulationReport, runPipeline } from '../pipeline.ts';
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

  async function all(dir: string, served: { practices: string[] }, on: string): Promise<PopulationReport[]> {
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
      return [
        await runPipeline(duck, options),
        await runPipeline(ch, options),
        await runPipeline(chdb, options),
      ];
    } finally {
      await duck.close();
    }
  }

  it('on the hand-made fixture', async () => {
    const dir = writeFixture();
    dirs.push(dir);
    const [duck, ch, ch26] = await all(dir, { practices: [...fixtureServed.practices] }, fixtureDate);
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
    const [duck, ch, ch26] = await all(
      dir,
      { practices: icbPractices('QUA') },
      manifest.analysisDate as string,
    );
    expect({ ...ch, engine: 'same' }).toEqual({ ...duck, engine: 'same' });
    expect({ ...ch26, engine: 'same' }).toEqual({ ...duck, engine: 'same' });
    expect(duck?.served.total).toBeGreaterThan(2000);
    expect(duck?.ethnicity.groups.filter((g) => (g.persons ?? 0) > 0).length).toBe(5);
  }, 120_000);
});
