import { oglAttribution } from '../core/open-government-licence.ts';
import { practiceLocalAuthorities } from '../system/practices.ts';
import { type Area, type AreaSummary, servedOf, summaryOf } from './areas.ts';
import type { Engine } from './engines/engine.ts';
import { type EnglandComparators, publishedLifeExpectancy } from './england.ts';
import { type EthnicityBreakdown, ethnicityBreakdown } from './ethnicity.ts';
import { type ExpectedPrevalence, expectedPrevalence } from './expected-prevalence.ts';
import { type Inequalities, inequalities, lifeExpectancyCheck } from './inequalities.ts';
import type { DatasetManifest } from './ingest.ts';
import { syntheticLabel } from './model.ts';
import { type MultimorbidityScore, multimorbidityScore } from './multimorbidity-score.ts';
import { type NeedsAssessment, needsAssessment } from './needs.ts';
import { narrowPopulation, preparePopulation } from './profile.ts';
import { type RiskStratification, riskStratification } from './risk.ts';
import { type Segment, segmentation } from './segments.ts';
import { type PopulationServed, populationServed } from './served.ts';
import type { ServedPopulation } from './sql.ts';
import { defaultSuppression, type SuppressionPolicy } from './suppress.ts';
import { type ActivityRead, readActivity, type Trends, trends } from './trends.ts';
import {
  type WeightedPopulationResult,
  type WpapPopulationIndex,
  weightedPopulationOf,
  weightingCells,
  wpapPopulationIndex,
} from './weighted.ts';

/** The whole population health report for one contract population on one date. */
export interface PopulationReport {
  title: string;
  /** The part of the ICB the report is for; null for a list of practices given by hand. */
  area: AreaSummary | null;
  /** Present, and shown first everywhere, when the data is synthetic. */
  synthetic: string | null;
  engine: string;
  on: string;
  suppression: SuppressionPolicy;
  served: PopulationServed;
  needs: NeedsAssessment;
  /** Observed against expected prevalence per QOF register (indirect standardisation). */
  expectedPrevalence: ExpectedPrevalence;
  /** The Cambridge Multimorbidity Score of the adults served (partial: see the module). */
  multimorbidityScore: MultimorbidityScore;
  risk: RiskStratification;
  segments: Segment[];
  inequalities: Inequalities;
  /** Activity, registers and Core20 by ethnic group (Core20PLUS5's PLUS groups). */
  ethnicity: EthnicityBreakdown;
  lifeExpectancyCheck: ReturnType<typeof lifeExpectancyCheck> | null;
  /** The main rates by financial year over the years the data covers. */
  trends: Trends;
  weightedPopulation: WeightedPopulationResult;
  /** Null when nobody was served a year before the date. */
  wpapPopulationIndex: WpapPopulationIndex | null;
  attribution: string;
}

export interface PipelineOptions {
  title: string;
  on: string;
  served: ServedPopulation;
  /** The part of the ICB `served` is, when it is one. */
  area?: AreaSummary | null;
  manifest: DatasetManifest;
  england: EnglandComparators;
  topPercent?: number;
  suppression?: SuppressionPolicy;
  /** Compare life expectancy with the published figures for these practices' local authorities. */
  checkLifeExpectancy?: boolean;
  /** Called after each step with its name and time in milliseconds (for the benchmark). */
  timing?: (step: string, ms: number) => void;
}

async function timed<T>(
  step: string,
  options: Pick<PipelineOptions, 'timing'>,
  work: () => Promise<T>,
): Promise<T> {
  const start = performance.now();
  const result = await work();
  options.timing?.(step, performance.now() - start);
  return result;
}

/** Runs every analysis (a–f) on an engine that holds the data. */
export async function runPipeline(engine: Engine, options: PipelineOptions): Promise<PopulationReport> {
  await timed('prepare', options, () => preparePopulation(engine, options.served, options.on));
  return analyse(engine, options);
}

/**
 * Runs every analysis for each area, in turn, handing each report to `each`. The per-person
 * table is built once for `whole` (every area must be part of it: the ICB) and each area's is
 * narrowed from it, and the activity by year is read once for the trends, so the events are
 * read twice however many areas there are; the reports
 * are those `runPipeline` gives for each area on its own (pipeline.test.ts).
 */
export async function runAreaPipelines(
  engine: Engine,
  whole: ServedPopulation,
  areas: readonly Area[],
  options: Omit<PipelineOptions, 'served' | 'area' | 'title'> & { title: (area: Area) => string },
  each: (area: Area, report: PopulationReport) => Promise<void>,
): Promise<void> {
  const activity = await timed('prepare', options, async () => {
    await preparePopulation(engine, whole, options.on);
    await engine.keepFeatures();
    return readActivity(engine, whole);
  });
  for (const area of areas) {
    const served = servedOf(area);
    await narrowPopulation(engine, served);
    await each(
      area,
      await analyse(
        engine,
        { ...options, served, area: summaryOf(area), title: options.title(area) },
        activity,
      ),
    );
  }
}

/** Published life expectancy for the local authorities of a set of practices, read once per set. */
const published = new Map<string, ReturnType<typeof publishedLifeExpectancy>>();
function publishedFor(practices: readonly string[]) {
  const las = practiceLocalAuthorities(practices);
  const key = las.join(',');
  const found = published.get(key) ?? publishedLifeExpectancy(las);
  published.set(key, found);
  return found;
}

/** The analyses (a–f) over the per-person table the engine holds now; `activity` read for a population it is part of. */
async function analyse(
  engine: Engine,
  options: PipelineOptions,
  activity?: ActivityRead,
): Promise<PopulationReport> {
  const policy = options.suppression ?? defaultSuppression;
  const served = await timed('served', options, () => populationServed(engine, options.on, policy));
  const needs = await timed('needs', options, () =>
    needsAssessment(engine, options.on, options.england, policy),
  );
  const expected = await timed('expected prevalence', options, () =>
    expectedPrevalence(engine, options.on, options.england, policy),
  );
  const score = await timed('multimorbidity score', options, () => multimorbidityScore(engine, policy));
  const risk = await timed('risk', options, () =>
    riskStratification(engine, options.topPercent ?? 5, policy),
  );
  const segments = await timed('segments', options, () => segmentation(engine, policy));
  const inequality = await timed('inequalities', options, () =>
    inequalities(engine, options.served, options.on, policy),
  );
  const ethnicity = await timed('ethnicity', options, () => ethnicityBreakdown(engine, options.on, policy));
  const trend = await timed('trends', options, () => trends(engine, options.served, policy, activity));
  const cells = await timed('weighted', options, () => weightingCells(engine));
  const weighted = weightedPopulationOf(cells, policy);
  const wpap = await timed('wpap index', options, () =>
    wpapPopulationIndex(engine, options.served, options.on, cells),
  );
  const check = options.checkLifeExpectancy
    ? lifeExpectancyCheck(inequality, await publishedFor(options.served.practices))
    : null;
  return {
    title: options.title,
    area: options.area ?? null,
    synthetic: options.manifest.synthetic ? syntheticLabel : null,
    engine: engine.name,
    on: options.on,
    suppression: policy,
    served,
    needs,
    expectedPrevalence: expected,
    multimorbidityScore: score,
    risk,
    segments,
    inequalities: inequality,
    ethnicity,
    lifeExpectancyCheck: check,
    trends: trend,
    weightedPopulation: weighted,
    wpapPopulationIndex: wpap?.result ?? null,
    attribution: oglAttribution,
  };
}
