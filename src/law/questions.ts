import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { checkOperatingModel } from '../system/operating-model/check.ts';
import { loadOperatingModel } from '../system/operating-model/file.ts';
import { OperatingModel } from '../system/operating-model/model.ts';
import { Arrangement, FundingStream } from './arrangement.ts';
import { checkArrangement } from './check.ts';
import type { IsoDate } from './date.ts';
import { classifyFundingStream, PoolingRequest, planPooling } from './pooling.ts';
import { responsibilityMatrix } from './responsibility.ts';
import type { Rulebook } from './rulebook.ts';

/**
 * The questions a worked scenario can put to the rulebook. Each takes its input (checked
 * by its own schema) and a date, and returns a plain JSON answer that scenarios match.
 */
export interface Question<I = unknown> {
  input: z.ZodType<I>;
  answer(rulebook: Rulebook, input: I, on: IsoDate): unknown;
}

function question<I>(q: Question<I>): Question<unknown> {
  return q as Question<unknown>;
}

export const questions: Record<string, Question<unknown>> = {
  check: question({
    input: Arrangement,
    answer: (rulebook, arrangement, on) => checkArrangement(rulebook, arrangement, on),
  }),
  responsibility: question({
    input: Arrangement,
    answer: (rulebook, arrangement, on) => responsibilityMatrix(rulebook, arrangement, on),
  }),
  pooling: question({
    input: PoolingRequest,
    answer: (rulebook, request, on) => planPooling(rulebook, request, on),
  }),
  /** An ICS operating model; a places_file is read from the examples folder, like the scenario's file. */
  'operating-model': question({
    input: OperatingModel,
    answer: (rulebook, model, on) => {
      const { budgets } = loadOperatingModel(
        { file: 'scenario input', value: model, lineOf: () => undefined },
        fileURLToPath(new URL('../../examples/operating-models/', import.meta.url)),
      );
      return checkOperatingModel(rulebook, model, on, budgets);
    },
  }),
  'funding-stream': question({
    input: FundingStream.pick({ service: true, source: true }),
    answer: (rulebook, stream, on) => classifyFundingStream(rulebook, stream, on),
  }),
};
