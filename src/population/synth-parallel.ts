import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InvalidInput } from '../core/errors.ts';
import { checkSynthFormat, type SynthFormat, synthesiseIn } from './formats/write.ts';
import type { Progress } from './ingest.ts';
import type { SynthResult } from './synth.ts';

/** One ICB's share of `concordat synth`, as a worker receives it. */
export interface IcbJob {
  format: SynthFormat;
  icb: string;
  out: string;
  seed?: number;
  scale?: number;
}

/** What a worker sends back. */
export type WorkerMessage =
  | { progress: [number, number] }
  | { result: SynthResult }
  | { invalid: { field: string; problem: string; hint?: string } }
  | { failed: string };

// Compiled, the worker is dist/cli/synth-worker.js beside this chunk. From source (tests,
// CONCORDAT_FROM_SOURCE) a worker first registers tsx, as bin/concordat.js does, then loads it.
const fromSource = import.meta.url.endsWith('.ts');

function newWorker(job: IcbJob): Worker {
  if (!fromSource) return new Worker(new URL('./synth-worker.js', import.meta.url), { workerData: job });
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = JSON.parse(readFileSync(manifest, 'utf8')).exports['./esm/api'].import.default;
  const tsx = new URL(api, pathToFileURL(manifest)).href;
  const worker = new URL('./synth-worker.ts', import.meta.url).href;
  const start = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(start, { eval: true, workerData: job });
}

/**
 * `concordat synth --icb QUA,QHM`: one ICB alone is written into `out`; several are each
 * written into `out/<ICB>` by a worker thread of their own, as many at once as there are cores.
 * An ICB's data depend only on the seed, the scale and the ICB, so they are the same whether
 * made alone or beside others, in any order.
 */
export async function synthesiseIcbs(
  format: SynthFormat,
  icbs: readonly string[],
  options: { out: string; seed?: number; scale?: number; progress?: Progress },
): Promise<SynthResult[]> {
  const progress = options.progress ?? (() => {});
  const { seed, scale } = options;
  checkSynthFormat(format);
  if (icbs.length === 0) throw new InvalidInput('--icb', 'names no ICB', 'Try QUA (NHS Black Country ICB).');
  if (new Set(icbs).size !== icbs.length) throw new InvalidInput('--icb', 'names an ICB twice');
  if (icbs.length === 1) {
    return [await synthesiseIn(format, { icb: icbs[0] as string, out: options.out, seed, scale, progress })];
  }
  const cores = availableParallelism();
  const atOnce = Math.min(icbs.length, cores);
  // Progress in hundredths of all the ICBs' steps.
  const share = icbs.map(() => 0);
  const results: SynthResult[] = [];
  let failure: unknown;
  let next = 0;
  const lane = async () => {
    while (next < icbs.length) {
      const k = next++;
      const icb = icbs[k] as string;
      const job: IcbJob = { format, icb, out: join(options.out, icb), seed, scale };
      try {
        results[k] = await inWorker(job, (done, total) => {
          share[k] = done / total;
          progress(icb, Math.round((100 * share.reduce((a, b) => a + b, 0)) / icbs.length), 100);
        });
      } catch (error) {
        // Start no more ICBs; those under way finish (stopping a worker inside DuckDB would
        // bring the whole process down).
        failure ??= error;
        next = icbs.length;
      }
    }
  };
  await Promise.all(Array.from({ length: atOnce }, lane));
  if (failure !== undefined) throw failure;
  return results;
}

function inWorker(job: IcbJob, onProgress: (done: number, total: number) => void): Promise<SynthResult> {
  return new Promise((resolve, reject) => {
    const worker = newWorker(job);
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if ('progress' in message) onProgress(...message.progress);
      else {
        settled = true;
        if ('result' in message) resolve(message.result);
        else if ('invalid' in message) {
          const { field, problem, hint } = message.invalid;
          reject(new InvalidInput(field, problem, hint));
        } else reject(new Error(`${job.icb}: ${message.failed}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the worker for ${job.icb} stopped (exit code ${code})`));
    });
  });
}
