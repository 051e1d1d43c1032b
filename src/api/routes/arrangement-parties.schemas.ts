import { z } from 'zod';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
import { Problem } from '../problems.ts';

const Side = z
  .enum(['commissioner', 'provider'])
  .describe("The party's side: every commissioning party must accept a change to the parties.");
const Code = z
  .string()
  .min(1)
  .max(20)
  .regex(/^\S+$/, 'must be an ODS or ONS code, without spaces')
  .describe('The ODS or ONS code of the organisation, as the arrangement names it (e.g. QUA, E08000027).');
const Reason = z.string().min(1).max(2000).describe('Why; kept in the audit log.');
const Params = z.object({ id: z.string().min(1).max(100) });
const ChangeParams = Params.extend({
  changeId: z.coerce.number().int().min(1).max(2_147_483_647).describe('The party change, as listed.'),
});
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

const StoredParty = z.object({
  organisation: z.string(),
  side: Side,
  since: z.string().describe('When it became a party (ISO timestamp).'),
  added_by: z.number().int().nullable().describe('The user who made it a party (null: the system).'),
});

export const PartyChange = z.object({
  id: z.number().int(),
  change: z.enum(['add', 'remove']),
  organisation: z.string(),
  side: Side,
  reason: z.string(),
  status: z
    .enum(['pending', 'applied', 'declined'])
    .describe('pending until every commissioning party accepts it (or an administrator acts), then applied.'),
  proposed_by: z.number().int().nullable(),
  proposed_at: z.string(),
  settled_by: z.number().int().nullable(),
  settled_at: z.string().nullable(),
  acceptances: z.array(
    z.object({ organisation: z.string(), accepted_by: z.number().int().nullable(), accepted_at: z.string() }),
  ),
  awaiting: z
    .array(z.string())
    .describe('The commissioning parties whose acceptance it still needs (empty once settled).'),
});

export const listArrangementPartiesSchema = {
  operationId: 'listArrangementParties',
  tags: ['arrangements'],
  summary: 'Who is party to an arrangement, since when and added by whom',
  description:
    'The stored parties decide whose roles reach the arrangement; editing its document cannot change them.',
  security: signedIn,
  params: Params,
  querystring: z.strictObject({ ...pageQuery(100, 100) }),
  response: { 200: Page(StoredParty), ...problems },
};

export const proposePartyChangeSchema = {
  operationId: 'proposePartyChange',
  tags: ['arrangements'],
  summary: 'Propose adding or removing a party (commissioners of a commissioning party, administrators)',
  description:
    "The proposer's own commissioning parties accept as they propose; it takes effect when a commissioner of every commissioning party has accepted it (201 with status applied), or at once when an administrator proposes it. Providers are refused. 409 if the organisation is already (or not) a party, has a change awaiting acceptance, or is the last commissioning party.",
  security: signedIn,
  params: Params,
  body: z.discriminatedUnion('change', [
    z.strictObject({ change: z.literal('add'), organisation: Code, side: Side, reason: Reason }),
    z.strictObject({ change: z.literal('remove'), organisation: Code, reason: Reason }),
  ]),
  response: { 201: PartyChange, ...problems, 409: Problem },
};

export const listPartyChangesSchema = {
  operationId: 'listPartyChanges',
  tags: ['arrangements'],
  summary: "An arrangement's proposed party changes, newest first: what each party is asked to accept",
  security: signedIn,
  params: Params,
  querystring: z.strictObject({
    status: z.enum(['pending', 'applied', 'declined']).optional().describe('Only changes in this state.'),
    ...pageQuery(20, 100),
  }),
  response: { 200: Page(PartyChange), ...problems },
};

export const acceptPartyChangeSchema = {
  operationId: 'acceptPartyChange',
  tags: ['arrangements'],
  summary:
    'Accept a proposed party change for your commissioning parties (an administrator applies it at once)',
  security: signedIn,
  params: ChangeParams,
  response: { 200: PartyChange, ...problems, 409: Problem },
};

export const declinePartyChangeSchema = {
  operationId: 'declinePartyChange',
  tags: ['arrangements'],
  summary: 'Decline a proposed party change: it is closed without effect',
  security: signedIn,
  params: ChangeParams,
  body: z.strictObject({ reason: Reason }),
  response: { 200: PartyChange, ...problems, 409: Problem },
};
