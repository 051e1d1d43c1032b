import { z } from 'zod';
import { ContractFile } from '../../contracts/contract-file.ts';
import { ContractEvent } from '../../contracts/events.ts';
import type { ContractReport } from '../../contracts/replay.ts';
import { IsoDate } from '../../law/date.ts';
import { signedIn } from '../context.ts';
import { tableQuery } from '../tabular.ts';

// The report carries the whole state; its shape is documented in docs/contracts.md and docs/cli.md.
export const Report = z.looseObject({
  contract: z.string(),
  on: z.string(),
  state: z.looseObject({ phase: z.string() }),
});
export const asReport = (r: ContractReport) => ({ ...r, state: { ...r.state } });

export const replayContractSchema = {
  operationId: 'replayContract',
  tags: ['contracts'],
  summary: "Replay a contract's events to a date: phase, population served, what is due, refusals",
  description:
    'The compliance calendar, subcontracts, practices, indicators, remedial plans and timeline also come as CSV or Excel (`format=csv|xlsx`): the file is the answer to this POST.',
  security: signedIn,
  querystring: z.strictObject(tableQuery),
  body: z.strictObject({ contract: ContractFile, on: IsoDate.optional() }),
  response: { 200: Report },
};

export const offerContractEventSchema = {
  operationId: 'offerContractEvent',
  tags: ['contracts'],
  summary: 'Record one more event as the signed-in user: applied, or refused with the rule',
  security: signedIn,
  body: z.strictObject({ contract: ContractFile, event: ContractEvent, on: IsoDate.optional() }),
  response: { 200: Report },
};
