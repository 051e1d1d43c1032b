import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AreaKind,
  areasOf,
  defaultGrouping,
  type PlaceGrouping,
  reportTitle,
  requireDirectory,
  servedOf,
} from '../src/population/areas.ts';
import { DuckDbEngine } from '../src/population/engines/duckdb.ts';
import { englandComparators } from '../src/population/england.ts';
import { ingest } from '../src/population/ingest.ts';
import { type PopulationReport, runAreaPipelines } from '../src/population/pipeline.ts';
import { publishReport } from '../src/population/published.ts';
import { synthesise } from '../src/population/synth.ts';

/**
 * Small SYNTHETIC population health reports for an ICB, handed to `each`: for every area of
 * the `kinds` asked, from a five-hundredth of the ICB (a few thousand people), so the tests
 * that use them stay quick.
 */
async function smallReports(
  icb: string,
  workDir: string,
  kinds: readonly AreaKind[],
  each: (report: PopulationReport, grouping: PlaceGrouping) => void,
): Promise<void> {
  const data = join(workDir, 'synthetic');
  const { manifest } = await synthesise({ icb, out: data, scale: 0.002, seed: 1, format: 'csv' });
  const directory = requireDirectory(icb);
  const grouping = defaultGrouping(directory);
  const [whole] = areasOf(directory, grouping, 'icb');
  if (!whole) throw new Error(`no ICB ${icb}`);
  const engine = await DuckDbEngine.open();
  try {
    const checked = await ingest(engine, data);
    await runAreaPipelines(
      engine,
      servedOf(whole),
      kinds.flatMap((k) => areasOf(directory, grouping, k)),
      {
        title: (a) => `${reportTitle(a)} (SYNTHETIC)`,
        on: manifest.analysisDate as string,
        manifest: checked,
        england: await englandComparators(),
      },
      async (_, report) => each(report, grouping),
    );
  } finally {
    await engine.close();
  }
}

/**
 * A scratch folder for a browser suite's published reports, and the suite's hooks that make
 * it the server's CONCORDAT_DATA_DIR while the suite runs and remove it after.
 */
export function reportsFolder() {
  const work = mkdtempSync(join(tmpdir(), 'concordat-e2e-reports-'));
  const previous = process.env.CONCORDAT_DATA_DIR;
  const hooks = {
    before: () => {
      process.env.CONCORDAT_DATA_DIR = join(work, 'data');
    },
    after: () => {
      if (previous === undefined) delete process.env.CONCORDAT_DATA_DIR;
      else process.env.CONCORDAT_DATA_DIR = previous;
      rmSync(work, { recursive: true, force: true });
    },
  };
  return { work, hooks };
}

/** A small SYNTHETIC population health report for a whole ICB. */
export async function smallReport(icb: string, workDir: string): Promise<PopulationReport> {
  const reports: PopulationReport[] = [];
  await smallReports(icb, workDir, ['icb'], (r) => reports.push(r));
  if (!reports[0]) throw new Error(`no report for ${icb}`);
  return reports[0];
}

/**
 * Publishes small SYNTHETIC reports for an ICB (by default the whole ICB; `kinds` chooses
 * which areas) where the server reads them, the way `concordat synth` then `concordat
 * analyse --area … --publish` would.
 */
export async function publishSmallReport(
  icb: string,
  workDir: string,
  env: NodeJS.ProcessEnv,
  kinds: readonly AreaKind[] = ['icb'],
): Promise<void> {
  await smallReports(icb, workDir, kinds, (report, grouping) => publishReport(report, icb, grouping, env));
}
