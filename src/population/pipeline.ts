import { oglAttribution } from '../core/open-government-licence.ts';
import { practiceLocalAuthorities } from '../system/practices.ts';
import type { Engine } from './engines/engine.ts';
import { type EnglandComparators, publishedLifeExpectancy } from './england.ts';
import { type ExpectedPrevalence, expectedPrevalence } from './expected-prevalence.ts';
import { type Inequalities, inequalities, lifeExpectancyCheck } from './inequalities.ts';
import type { DatasetManifest } from './ingest.ts';
import { syntheticLabel } from './model.ts';
import { type MultimorbidityScore, multimorbidityScore } from './multimorbidity-score.ts';
import { type NeedsAssessment, needsAssessment } from './needs.ts';
import { preparePopulation } from './profile.ts';
import { type RiskStratification, riskStratification } from './risk.ts';
import { type Segment, segmentation } from './segments.ts';
import { type PopulationServed, populationServed } from './served.ts';
import type { ServedPopulation } from './sql.ts';
import { defaultSuppression, type SuppressionPolicy } from './suppress.ts';
import { type Trends, trends } from './trends.ts';
import {
  type WeightedPopulationResult,
  type WpapPopulationIndex,
  weightedPopulationOf,
  wpapPopulationIndex,
} from './weighted.ts';

/** The whole population health report for one contract population on one date. */
export interface PopulationReport {
  title: string;
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
  lifeExpectancyCheck: ReturnType<typeof lifeExpectancyCheck> | null;
  /** The main rates by financial year over the years the data covers. */
  trends: Trends;
  weightedPopulation: WeightedPopulationResult;
  wpapPopulationIndex: WpapPopulationIndex;
  attribution: string;
}

export interface PipelineOptions {
  title: string;
  on: string;
  served: ServedPopulation;
  manifest: DatasetManifest;
  england: EnglandComparators;
  topPercent?: number;
  suppression?: SuppressionPolicy;
  /** Compare life expectancy with the published figures for these practices' local authorities. */
  checkLifeExpectancy?: boolean;
  /** Called after each step with its name and time in milliseconds (for the benchmark). */
  timing?: (step: string, ms: number) => void;
}

async function timed<T>(step: string, options: PipelineOptions, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  options.timing?.(step, performance.now() - start);
  return result;
}

/** Runs every analysis (a–f) on an engine that holds the data. */
export async function runPipeline(engine: Engine, options: PipelineOptions): Promise<PopulationReport> {
  const policy = options.suppression ?? defaultSuppression;
  await timed('prepare', options, () => preparePopulation(engine, options.served, options.on));
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
  const trend = await timed('trends', options, () => trends(engine, options.served, policy));
  const weighted = await timed('weighted', options, () => weightedPopulationOf(engine, policy));
  const wpap = await timed('wpap index', options, () =>
    wpapPopulationIndex(engine, options.served, options.on),
  );
  const check = options.checkLifeExpectancy
    ? lifeExpectancyCheck(
        inequality,
        await publishedLifeExpectancy(practiceLocalAuthorities(options.served.practices)),
      )
    : null;
  return {
    title: options.title,
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
    lifeExpectancyCheck: check,
    trends: trend,
    weightedPopulation: weighted,
    wpapPopulationIndex: wpap.result,
    attribution: oglAttribution,
  };
}
