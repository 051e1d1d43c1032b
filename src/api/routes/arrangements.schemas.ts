import { z } from 'zod';
import { Arrangement } from '../../law/arrangement.ts';
import { IsoDate } from '../../law/date.ts';
import { decisions } from '../../law/kinds/decision.ts';
import { IfMatchHeaders } from '../conditional.ts';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
import { PoolingPlan, ResponsibilityMatrix } from '../plan-schemas.ts';
import { Problem } from '../problems.ts';
import { OnQuery, OrganisationCode, Provenance, versionsQuery } from '../schemas.ts';
import { tableQuery } from '../tabular.ts';

const Stored = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  parties: z
    .array(z.string())
    .describe('ODS/ONS codes of the stored parties, which decide whose roles reach it (GET …/parties).'),
  created_at: z.string(),
  updated_at: z.string(),
  document: Arrangement,
});
export const Finding = z.object({
  rule: z.string(),
  rule_title: z.string(),
  provenance: Provenance,
  severity: z.enum(['error', 'warning', 'information']),
  message: z.string(),
  path: z.string(),
  citations: z.array(
    z.object({
      source: z.string(),
      at: z.string(),
      text: z.string(),
      outside_seeds: z.boolean(),
      url: z.string().optional(),
      page: z.number().int().optional().describe('The PDF page the cited place begins on, where known.'),
    }),
  ),
  trace: z.array(z.object({ rule: z.string(), version_from: z.string(), outcome: z.string() })),
});
const CheckReport = z.object({
  arrangement: z.string(),
  on: z.string(),
  lawful: z.boolean(),
  counts: z.object({ error: z.number(), warning: z.number(), information: z.number() }),
  findings: z.array(Finding),
});
const Summary = Stored.omit({ document: true });
const Reason = z.string().min(1).max(2000).describe('Why the change is made; kept in the audit log.');
const Params = z.object({ id: z.string().min(1).max(100) });

export const listArrangementsSchema = {
  operationId: 'listArrangements',
  tags: ['arrangements'],
  summary: 'Arrangements your roles reach, by name, a page at a time',
  security: signedIn,
  querystring: z.strictObject({
    party: OrganisationCode.optional().describe('Only arrangements with this organisation as a party.'),
    ...pageQuery(50, 200),
  }),
  response: { 200: Page(Summary) },
};

export const createArrangementSchema = {
  operationId: 'createArrangement',
  tags: ['arrangements'],
  summary: 'Create an arrangement (commissioners of a party, administrators)',
  security: signedIn,
  body: z.strictObject({ arrangement: Arrangement, reason: Reason }),
  response: { 201: Stored },
};

export const getArrangementSchema = {
  operationId: 'getArrangement',
  tags: ['arrangements'],
  summary: 'One arrangement, current version',
  security: signedIn,
  params: Params,
  response: { 200: Stored },
};

export const replaceArrangementSchema = {
  operationId: 'replaceArrangement',
  tags: ['arrangements'],
  summary: 'Replace an arrangement; 409 (or 412 with If-Match) if someone saved a newer version first',
  description:
    "The document must name exactly the stored parties (GET …/parties) in its commissioners' and providers' ODS codes, or the save is refused with 422 naming each field: parties change only by POST …/parties.",
  security: signedIn,
  params: Params,
  headers: IfMatchHeaders,
  body: z.strictObject({
    version: z.number().int().min(1).describe('The version you edited; must still be the current one.'),
    arrangement: Arrangement,
    reason: Reason,
  }),
  response: { 200: Stored, 422: Problem },
};

export const listArrangementVersionsSchema = {
  operationId: 'listArrangementVersions',
  tags: ['arrangements'],
  summary: 'Every version of an arrangement, oldest first, with who changed it and why, a page at a time',
  security: signedIn,
  params: Params,
  querystring: versionsQuery,
  response: {
    200: Page(
      z.object({
        version: z.number(),
        document: Arrangement,
        changed_by: z.number().nullable(),
        changed_at: z.string(),
        reason: z.string(),
      }),
    ),
  },
};

export const checkArrangementSchema = {
  operationId: 'checkArrangement',
  tags: ['arrangements'],
  summary: 'Check the arrangement against the rules in force on a date; findings are kept',
  description:
    'Also as CSV (one table, `table=`) or Excel (every table and a sheet of sources): `format=csv|xlsx` or the Accept header.',
  security: signedIn,
  params: Params,
  querystring: OnQuery.extend({
    version: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .describe('An earlier version to check (as listed under …/versions); default the current one.'),
    ...tableQuery,
  }),
  response: { 200: CheckReport.extend({ version: z.number() }) },
};

export const checkArrangementDraftSchema = {
  operationId: 'checkArrangementDraft',
  tags: ['arrangements'],
  summary: 'Check an arrangement that is not saved (a draft being written) against the rules on a date',
  description:
    'For forms that check as the user types: nothing is stored and nothing is audited, as nothing changes. Commissioners (NHS and local authority) and administrators, who are the ones who write arrangements. A draft that does not yet pass the arrangement schema is refused with 400 naming each field.',
  security: signedIn,
  querystring: OnQuery,
  body: z.strictObject({ arrangement: Arrangement }),
  response: { 200: CheckReport },
};

export const restoreArrangementVersionSchema = {
  operationId: 'restoreArrangementVersion',
  tags: ['arrangements'],
  summary: 'Restore an earlier version: its document is saved again as a new version, with a reason',
  description:
    'Nothing in the history is changed. As for any save: 409 (or 412 with If-Match) if the current version is no longer the one sent, and 422 if the earlier document does not name exactly the stored parties (parties change only by POST …/parties).',
  security: signedIn,
  params: Params.extend({
    version: z.coerce.number().int().min(1).describe('The earlier version to restore.'),
  }),
  headers: IfMatchHeaders,
  body: z.strictObject({
    version: z.number().int().min(1).describe('The current version, which the restored one follows.'),
    reason: Reason,
  }),
  response: { 200: Stored, 422: Problem },
};

export const getResponsibilityMatrixSchema = {
  operationId: 'getResponsibilityMatrix',
  tags: ['arrangements'],
  summary: 'Who does each commissioning activity (commissioners and providers) under the rules on a date',
  description:
    'Also as CSV (one table, `table=`) or Excel (every table and a sheet of sources): `format=csv|xlsx` or the Accept header.',
  security: signedIn,
  params: Params,
  querystring: OnQuery.extend(tableQuery),
  response: { 200: ResponsibilityMatrix },
};

export const getPoolingPlanSchema = {
  operationId: 'getPoolingPlan',
  tags: ['arrangements'],
  summary: "How the arrangement's commissioners can commission and pool the money for its services on a date",
  description:
    'Also as CSV (one table, `table=`) or Excel (every table and a sheet of sources): `format=csv|xlsx` or the Accept header.',
  security: signedIn,
  params: Params,
  querystring: OnQuery.extend(tableQuery),
  response: { 200: PoolingPlan },
};

const Decision = z.object({
  id: z.number(),
  decision: z.string(),
  rule: z.string(),
  on: z.string().describe('The date it takes effect, as stored.'),
  decided_at: z.string(),
});

export const recordDecisionSchema = {
  operationId: 'recordDecision',
  tags: ['arrangements'],
  summary: 'Record a statutory commissioner decision (refused to providers, naming the rule)',
  security: signedIn,
  params: Params,
  body: z.strictObject({
    decision: z.enum(decisions),
    subject: z
      .string()
      .min(1)
      .max(500)
      .describe('What is decided on: a subcontract id, an IFR reference, a service.'),
    outcome: z
      .string()
      .min(1)
      .max(2000)
      .describe('The decision itself, for example "approved with a direct agreement".'),
    reason: Reason,
    on: IsoDate.optional().describe(
      "The date the decision takes effect (YYYY-MM-DD), within the arrangement's term if it has one; default today.",
    ),
  }),
  response: { 201: Decision },
};

export const getDecisionSchema = {
  operationId: 'getDecision',
  tags: ['arrangements'],
  summary: 'One recorded decision on an arrangement (where recording it points), for any role of a party',
  security: signedIn,
  params: Params.extend({ decision: z.coerce.number().int().min(1) }),
  response: {
    200: Decision.extend({
      subject: z.string(),
      outcome: z.string(),
      reason: z.string(),
      decided_by: z.number().describe('The id of the user who recorded it.'),
    }),
  },
};
