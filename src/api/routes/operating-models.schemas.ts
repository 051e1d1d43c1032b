import { z } from 'zod';
import { IsoDate } from '../../law/date.ts';
import { OperatingModel } from '../../system/operating-model/model.ts';
import { IfMatchHeaders } from '../conditional.ts';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
import { Problem } from '../problems.ts';
import { OnQuery, OrganisationCode, versionsQuery } from '../schemas.ts';
import { Finding } from './arrangements.schemas.ts';

const Stored = z.object({
  id: z.string(),
  icb: z.string(),
  name: z.string(),
  version: z.number().int(),
  parties: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  document: OperatingModel,
});
const Summary = Stored.omit({ document: true });
const Reason = z.string().min(1).max(2000).describe('Why the change is made; kept in the audit log.');
const Params = z.object({ id: z.string().min(1).max(100) });

/** The problem responses every operating-model route can give, documented in OpenAPI. */
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['operating models'];

const Holder = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['place', 'collaborative']),
  pounds: z.string(),
  source: z.string(),
  decisions: z.array(z.string()).describe('SoRD entries decided under this budget.'),
});

export const listOperatingModelsSchema = {
  operationId: 'listOperatingModels',
  tags,
  summary: 'Operating models your roles reach, by name, a page at a time; optionally for one ICB',
  security: signedIn,
  querystring: z.strictObject({
    icb: z
      .string()
      .regex(/^[A-Z0-9]{3,5}$/)
      .optional()
      .describe('Only the models of this ICB (ODS code).'),
    party: OrganisationCode.optional().describe('Only models naming this organisation.'),
    ...pageQuery(50, 200),
  }),
  response: { 200: Page(Summary), 400: Problem, 401: Problem },
};

export const createOperatingModelSchema = {
  operationId: 'createOperatingModel',
  tags,
  summary: "Create an ICB's operating model (the ICB's commissioners, administrators)",
  security: signedIn,
  body: z.strictObject({ model: OperatingModel, reason: Reason }),
  response: { 201: Stored, ...problems },
};

export const getOperatingModelSchema = {
  operationId: 'getOperatingModel',
  tags,
  summary: 'One operating model, current version (anyone with a role for an organisation it names)',
  security: signedIn,
  params: Params,
  response: { 200: Stored, ...problems },
};

export const replaceOperatingModelSchema = {
  operationId: 'replaceOperatingModel',
  tags,
  summary: 'Replace an operating model; 409 (or 412 with If-Match) if someone saved a newer version first',
  security: signedIn,
  params: Params,
  headers: IfMatchHeaders,
  body: z.strictObject({
    version: z.number().int().min(1).describe('The version you edited; must still be the current one.'),
    model: OperatingModel,
    reason: Reason,
  }),
  response: { 200: Stored, ...problems, 409: Problem },
};

export const listOperatingModelVersionsSchema = {
  operationId: 'listOperatingModelVersions',
  tags,
  summary: 'Every version of an operating model, oldest first, with who changed it and why, a page at a time',
  security: signedIn,
  params: Params,
  querystring: versionsQuery,
  response: {
    200: Page(
      z.object({
        version: z.number(),
        document: OperatingModel,
        changed_by: z.number().nullable(),
        changed_at: z.string(),
        reason: z.string(),
      }),
    ),
    ...problems,
  },
};

const Report = z.object({
  model: z.string(),
  icb: z.string(),
  on: z.string(),
  lawful: z.boolean(),
  counts: z.object({ error: z.number(), warning: z.number(), information: z.number() }),
  findings: z.array(Finding),
  budgets: z.object({
    allocation: z.object({ pounds: z.string(), source: z.string() }).optional(),
    holders: z.array(Holder),
  }),
});

export const checkOperatingModelSchema = {
  operationId: 'checkOperatingModel',
  tags,
  summary: 'Check the operating model against the rules in force on a date, with its delegated budgets',
  security: signedIn,
  params: Params,
  querystring: OnQuery,
  response: { 200: Report.extend({ version: z.number() }), ...problems },
};

export const checkOperatingModelDraftSchema = {
  operationId: 'checkOperatingModelDraft',
  tags,
  summary:
    'Check an operating model that is not saved (the editor checks as you go) on a date; nothing is stored (those who may edit the ICB’s models)',
  description:
    'A model whose references do not match (a committee, place or organisation that is not in it) is refused with 400, each problem naming its field, as a save would be.',
  security: signedIn,
  body: z.strictObject({
    model: OperatingModel,
    on: IsoDate.optional().describe('The date (YYYY-MM-DD); default today.'),
  }),
  response: { 200: Report, ...problems },
};

export const listIcbFunctionsSchema = {
  operationId: 'listIcbFunctions',
  tags,
  summary:
    'The functions a scheme of reservation and delegation can name, by rule id, with who may decide each on a date',
  security: signedIn,
  querystring: OnQuery.extend(pageQuery(100, 200)),
  response: {
    200: Page(
      z.object({
        id: z.string().describe('The rule id a SoRD row names as its function.'),
        title: z.string(),
        reserved: z.boolean().describe('The board must keep it.'),
        who_may_decide: z.string().describe('Who may take its decisions on the date, in words.'),
        held_from_nhse: z
          .string()
          .optional()
          .describe('The NHS England delegation the ICB holds it by, if it is one.'),
        in_force: z.boolean().describe('Whether the rule is in force on the date (from 1 July 2022).'),
      }),
    ),
    400: Problem,
    401: Problem,
  },
};

export const getSordSchema = {
  operationId: 'getOperatingModelSord',
  tags,
  summary: 'The scheme of reservation and delegation as rows',
  security: signedIn,
  params: Params,
  response: {
    200: z.object({
      rows: z.array(
        z.object({
          id: z.string(),
          function: z.string(),
          function_title: z.string(),
          decision: z.string(),
          decided_by: z.string(),
          route: z.string(),
          jointly_with: z.string(),
          limit: z.string(),
          conditions: z.string(),
        }),
      ),
    }),
    ...problems,
  },
};

export const organisationIcsSchema = {
  operationId: 'getOrganisationIcs',
  tags,
  summary:
    'For an organisation: the stored operating models naming it, with its places and partnerships, the collaboratives it belongs to, and for an ICB its board',
  description:
    'With `on`, only the model of each ICB in force on that date: the one with the latest `effective_from` on or before it (a model with none counts as in force from any date, after the dated ones).',
  security: signedIn,
  params: z.object({ code: z.string().min(1).max(12) }),
  querystring: z.strictObject({
    on: IsoDate.optional().describe('Only the models in force on this date (YYYY-MM-DD).'),
  }),
  response: {
    200: z.object({
      models: z.array(
        z.object({
          id: z.string(),
          version: z.number().int(),
          name: z.string(),
          icb: z.string(),
          icb_name: z.string(),
          effective_from: z.string().optional(),
          places: z.array(
            z.object({
              name: z.string(),
              form: z.string(),
              decided_by: z
                .string()
                .optional()
                .describe('The committee or lead provider that decides for the place, by name.'),
              members: z.array(z.object({ role: z.string(), organisation: z.string().optional() })),
            }),
          ),
          collaboratives: z.array(
            z.object({
              name: z.string(),
              members: z.array(z.string()),
              lead: z.string().optional(),
              functions: z.array(z.string()),
            }),
          ),
          board: z.array(
            z.object({
              role: z.string(),
              title: z.string().optional(),
              name: z.string().optional(),
              nominated_by: z.array(z.string()).describe('Who nominated the member, by name.'),
              represents: z.array(z.string()).describe('The places and collaboratives it speaks for.'),
            }),
          ),
        }),
      ),
    }),
    ...problems,
  },
};
