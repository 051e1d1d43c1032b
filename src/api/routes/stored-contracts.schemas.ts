import { z } from 'zod';
import { ContractFile } from '../../contracts/contract-file.ts';
import { ContractEvent } from '../../contracts/events.ts';
import { ContractPhase } from '../../law/kinds/lifecycle.ts';
import { IfMatchHeaders } from '../conditional.ts';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
import { OnQuery, OrganisationCode } from '../schemas.ts';
import { tableQuery } from '../tabular.ts';
import { Report } from './contracts.schemas.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const Reason = z.string().min(1).max(2000).describe('Why the contract is entered; kept in the audit log.');
const Summary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().describe('Goes up by one with each event recorded.'),
  parties: z.array(z.string()).describe('ODS/ONS codes of the commissioners and the provider.'),
  provider: z.string(),
  start: z.string(),
  end: z.string(),
  phase: ContractPhase.describe('The phase today.'),
  events: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
const Recorded = z.object({
  seq: z.number().int(),
  event: z.looseObject({ on: z.string(), type: z.string(), by: z.string() }),
  recorded_by: z.number().nullable(),
  recorded_by_name: z.string().nullable(),
  recorded_at: z.string(),
});

export const listContractsSchema = {
  operationId: 'listContracts',
  tags: ['contracts'],
  summary: 'Stored contracts, with the phase each is in today, by name, a page at a time',
  security: signedIn,
  querystring: z.strictObject({
    provider: OrganisationCode.optional().describe('Only contracts whose provider has this ODS code.'),
    commissioner: OrganisationCode.optional().describe(
      'Only contracts with this commissioner (ODS/ONS code).',
    ),
    ...pageQuery(50, 200),
  }),
  response: { 200: Page(Summary) },
};

export const createContractSchema = {
  operationId: 'createContract',
  tags: ['contracts'],
  summary:
    'Enter a contract: its particulars and any events so far, each replayed through the rules (commissioners of a party, administrators)',
  security: signedIn,
  body: z.strictObject({ contract: ContractFile, reason: Reason }),
  response: { 201: Summary },
};

export const getContractSchema = {
  operationId: 'getContract',
  tags: ['contracts'],
  summary:
    'A stored contract on a date: the replay report (timeline, what is due next, subcontracts, practices, calendar, performance) and its recorded events',
  security: signedIn,
  params: Params,
  description:
    'The compliance calendar, subcontracts, practices, indicators, remedial plans and timeline also come as CSV or Excel (`format=csv|xlsx`).',
  querystring: OnQuery.extend(tableQuery),
  response: {
    200: Summary.extend({
      recorded: z.array(Recorded),
      report: Report,
      event_types: z.array(z.string()).describe('Every kind of event a contract can record.'),
    }),
  },
};

export const getContractTimelineSchema = {
  operationId: 'getContractTimeline',
  tags: ['contracts'],
  summary:
    "A stored contract's dated life to a date (events and automatic steps, with the rule) and what falls due next",
  security: signedIn,
  params: Params,
  description:
    'The timeline and what falls due next also come as CSV or Excel (`format=csv|xlsx`, `table=timeline|next-due`).',
  querystring: OnQuery.extend(tableQuery),
  response: {
    200: z.object({
      contract: z.string(),
      on: z.string(),
      phase: ContractPhase,
      phase_words: z.string(),
      timeline: z.array(
        z.object({
          on: z.string(),
          type: z.string(),
          outcome: z.enum(['applied', 'refused', 'automatic']),
          rule: z.string(),
          summary: z.string(),
          index: z.number().int().optional(),
        }),
      ),
      next_due: z.array(
        z.looseObject({ rule: z.string(), title: z.string(), key: z.string(), due: z.string() }),
      ),
    }),
  },
};

export const recordContractEventSchema = {
  operationId: 'recordContractEvent',
  tags: ['contracts'],
  summary:
    'Record one event on a stored contract as the signed-in user: stored if the rules allow it, refused (not stored) with the rule if not',
  security: signedIn,
  params: Params,
  headers: IfMatchHeaders,
  body: z.strictObject({
    event: ContractEvent,
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The version you looked at; if someone recorded an event since, 409.'),
  }),
  response: {
    201: z.object({
      id: z.string(),
      version: z.number().int(),
      seq: z.number().int(),
      summary: z.string(),
      phase_before: ContractPhase,
      phase_after: ContractPhase,
    }),
  },
};

export const getContractEventSchema = {
  operationId: 'getContractEvent',
  tags: ['contracts'],
  summary: 'One event recorded on a stored contract (where recording it points), with who recorded it',
  security: signedIn,
  params: Params.extend({
    seq: z.coerce.number().int().min(0).describe('Its place in the order recorded, from 0.'),
  }),
  response: { 200: Recorded },
};
