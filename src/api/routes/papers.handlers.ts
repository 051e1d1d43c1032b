import { replayContract } from '../../contracts/replay.ts';
import { checkArrangement } from '../../law/check.ts';
import { today } from '../../law/date.ts';
import { responsibilityMatrix } from '../../law/responsibility.ts';
import {
  allocationPaper,
  budgetPaper,
  contractPaper,
  lawfulnessPaper,
  populationPaper,
} from '../../outputs/papers.ts';
import { getArrangement } from '../../store/arrangements.ts';
import { contractFile, getContract } from '../../store/contracts.ts';
import { requireUser } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { sendPaper } from '../tabular.ts';
import { poolingOf, readable } from './arrangements.handlers.ts';
import { allocationOf, budgetOf } from './money.handlers.ts';
import type {
  getBudgetPaperSchema,
  getContractPaperSchema,
  getLawfulnessPaperSchema,
  getPopulationPaperSchema,
  writeAllocationPaperSchema,
} from './papers.schemas.ts';
import { publishedReport } from './population.ts';

/**
 * The five board papers, each from the answer its resource gives, under that resource's
 * role checks; the version printed is the stored arrangement's or contract's.
 */
export function paperHandlers(ctx: ApiContext) {
  const { store, rulebook } = ctx;

  const lawfulness: Handler<typeof getLawfulnessPaperSchema> = async (request, reply) => {
    const stored = await readable(request, () => getArrangement(store.db, request.params.id));
    const on = request.query.on ?? today();
    const a = stored.document;
    return sendPaper(
      reply,
      lawfulnessPaper(
        checkArrangement(rulebook, a, on),
        responsibilityMatrix(rulebook, a, on),
        poolingOf(rulebook, a, on),
        String(stored.version),
      ),
    );
  };

  const budget: Handler<typeof getBudgetPaperSchema> = async (request, reply) => {
    const { stored, report } = await budgetOf(ctx, request, request.params.id, request.query);
    return sendPaper(reply, budgetPaper(report, String(stored.version)));
  };

  const allocation: Handler<typeof writeAllocationPaperSchema> = async (request, reply) =>
    sendPaper(reply, allocationPaper(await allocationOf(request, request.body), today(), '1.0'));

  const contract: Handler<typeof getContractPaperSchema> = async (request, reply) => {
    requireUser(request);
    const stored = await getContract(store.db, request.params.id);
    const report = replayContract(
      rulebook,
      await contractFile(store.db, stored.id),
      request.query.on ?? today(),
    );
    return sendPaper(reply, contractPaper(report, String(stored.version)));
  };

  const population: Handler<typeof getPopulationPaperSchema> = async (request, reply) =>
    sendPaper(reply, populationPaper(publishedReport(request, request.params.icb, request.query), '1.0'));

  return { lawfulness, budget, allocation, contract, population };
}
