import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDbEngine } from '../src/population/engines/duckdb.ts';
import { englandComparators } from '../src/population/england.ts';
import { ingest } from '../src/population/ingest.ts';
import { type PopulationReport, runPipeline } from '../src/population/pipeline.ts';
import { publishedReportPath } from '../src/population/published.ts';
import { synthesise } from '../src/population/synth.ts';
import { icbPractices } from '../src/system/practices.ts';

/**
 * Publishes a small SYNTHETIC population health report for an ICB where the server reads
 * it, the way `concordat synth` then `concordat analyse --publish` would: a five-hundredth
 * of the ICB (a few thousand people), so the browser tests stay quick.
 */
export async function publishSmallReport(
  icb: string,
  workDir: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const report = await smallReport(icb, workDir);
  const path = publishedReportPath(icb, env);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report)}\n`);
}

/** A small SYNTHETIC population health report for an ICB (a five-hundredth of it). */
export async function smallReport(icb: string, workDir: string): Promise<PopulationReport> {
  const data = join(workDir, 'synthetic');
  const { manifest } = await synthesise({ icb, out: data, scale: 0.002, seed: 1, format: 'csv' });
  const engine = await DuckDbEngine.open();
  try {
    const checked = await ingest(engine, data);
    return await runPipeline(engine, {
      title: `Population health: ICB ${icb} (SYNTHETIC)`,
      on: manifest.analysisDate as string,
      served: { practices: icbPractices(icb) },
      manifest: checked,
      england: await englandComparators(),
    });
  } finally {
    await engine.close();
  }
}
