import { z } from 'zod';
import { Arrangement, FundingSource } from '../../law/arrangement.ts';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
import { OnQuery } from '../schemas.ts';

const Service = z.object({
  service: z.string().describe('The id an arrangement names it by.'),
  title: z.string(),
  function_of: z
    .enum(['local-nhs', 'nhs-england', 'local-authority'])
    .describe('Whose statutory function it is: local-nhs is a CCG until 30 June 2022, an ICB after.'),
  stream_source: FundingSource.describe("Where the service's money usually comes from."),
  s75: z
    .enum(['included', 'excluded', 'mostly-excluded'])
    .describe('Whether a section 75 partnership arrangement may include it.'),
});

const Activity = z.object({
  activity: z.string().describe('The id an arrangement names it by.'),
  title: z.string(),
  row: z
    .number()
    .int()
    .nullable()
    .describe("Its row in the version's Annex A table (null for added activities)."),
  category: z.string(),
  actions: z
    .array(z.object({ id: z.string(), label: z.string(), allowed: z.boolean() }))
    .describe('The named actions of the version in force: what a provider may, or may not, do.'),
});

export const listServicesSchema = {
  operationId: 'listServices',
  tags: ['arrangements'],
  summary: 'The services an arrangement may name, as the rulebook has them on a date, by id',
  security: signedIn,
  querystring: OnQuery.extend(pageQuery(100, 100)),
  response: { 200: Page(Service) },
};

export const listActivitiesSchema = {
  operationId: 'listActivities',
  tags: ['arrangements'],
  summary: 'The commissioning activities (Annex A) an arrangement may assign, as in force on a date, by id',
  security: signedIn,
  querystring: OnQuery.extend(pageQuery(100, 100)),
  response: { 200: Page(Activity) },
};

export const listArrangementTemplatesSchema = {
  operationId: 'listArrangementTemplates',
  tags: ['arrangements'],
  summary: 'Care models to start a new arrangement from, each a whole arrangement document, by id',
  description:
    'The worked examples in examples/ that follow a model the papers describe. Their organisations and amounts are illustrative: replace them with your own before creating the arrangement.',
  security: signedIn,
  querystring: z.strictObject(pageQuery(20, 100)),
  response: {
    200: Page(
      z.object({
        id: z.string(),
        title: z.string(),
        summary: z.string(),
        source: z.string().describe('The paper, and where in it, that describes the model.'),
        document: Arrangement,
      }),
    ),
  },
};
