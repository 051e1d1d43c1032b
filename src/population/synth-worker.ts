import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInput } from '../core/errors.ts';
import { synthesiseIn } from './formats/write.ts';
import type { IcbJob, WorkerMessage } from './synth-parallel.ts';

/** A worker thread of `concordat synth` with several ICBs: makes one ICB (synth-parallel.ts). */
const job = workerData as IcbJob;
const send = (message: WorkerMessage) => parentPort?.postMessage(message);
try {
  const { format, ...options } = job;
  const result = await synthesiseIn(format, {
    ...options,
    progress: (_step, done, total) => send({ progress: [done, total] }),
  });
  send({ result });
} catch (error) {
  if (error instanceof InvalidInput) {
    send({ invalid: { field: error.field, problem: error.problem, hint: error.hint } });
  } else send({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
