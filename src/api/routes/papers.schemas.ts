import { z } from 'zod';
import { signedIn } from '../context.ts';
import { OnQuery } from '../schemas.ts';
import { allocatePlacesSchema, getBudgetSchema } from './money.schemas.ts';
import { AreaQuery, getPopulationReportSchema } from './population.schemas.ts';

const Id = z.object({ id: z.string().min(1).max(100) });

/** A board paper answers as a PDF file (problems as problem+json, like every route). */
const pdf = {
  200: {
    description:
      'The board paper as a PDF, drawn on the server; saved under the name in Content-Disposition.',
    content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
  },
};

const sameAs = (what: string) =>
  `Who may have it, and what its figures are, is as for ${what}: the paper adds no figure of its own.`;

export const getLawfulnessPaperSchema = {
  operationId: 'getLawfulnessPaper',
  tags: ['arrangements'],
  summary:
    "Board paper (PDF): an arrangement's lawfulness on a date, with who does what and the pooling plan",
  description: `${sameAs('the check')} Unlike the check, nothing is recorded.`,
  security: signedIn,
  params: Id,
  querystring: OnQuery,
  response: pdf,
};

export const getBudgetPaperSchema = {
  operationId: 'getBudgetPaper',
  tags: ['money'],
  summary:
    "Board paper (PDF): an arrangement's budget and payments (flow, WPAP, instalments, incentives, risk share)",
  description: sameAs('GET /api/arrangements/{id}/budget'),
  security: signedIn,
  params: Id,
  querystring: getBudgetSchema.querystring.pick({ years: true }),
  response: pdf,
};

export const writeAllocationPaperSchema = {
  operationId: 'writeAllocationPaper',
  tags: ['money'],
  summary: 'Board paper (PDF): a place allocation (indices, allocations, distance from target)',
  description: `${sameAs('POST /api/allocations')} The body is the allocation's.`,
  security: signedIn,
  body: allocatePlacesSchema.body,
  response: pdf,
};

export const getContractPaperSchema = {
  operationId: 'getContractPaper',
  tags: ['contracts'],
  summary:
    "Board paper (PDF): a stored contract's position on a date (phase, obligations due and overdue, performance, remedial plans)",
  description: sameAs('GET /api/contracts/{id}'),
  security: signedIn,
  params: Id,
  querystring: OnQuery,
  response: pdf,
};

export const getPopulationPaperSchema = {
  operationId: 'getPopulationPaper',
  tags: ['population'],
  summary: 'Board paper (PDF): the published population health report for an ICB or one of its areas',
  description: sameAs("the ICB's population health report (its commissioners and assurers)"),
  security: signedIn,
  params: getPopulationReportSchema.params,
  querystring: z.strictObject(AreaQuery),
  response: pdf,
};
