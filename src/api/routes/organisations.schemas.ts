import { z } from 'zod';
import { organisationKinds } from '../../core/organisations.ts';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
import { OnQuery, Organisation, OrganisationDetail, TreeNode } from '../schemas.ts';
import { tableQuery } from '../tabular.ts';

const CodeParams = z.object({ code: z.string().min(1).max(20) });

export const searchOrganisationsSchema = {
  operationId: 'searchOrganisations',
  tags: ['registry'],
  summary:
    'Search organisations by ODS code or name: an exact code first, then open before closed, larger bodies before smaller, by name; a page at a time',
  description: 'Also as CSV or Excel (`format=csv|xlsx` or the Accept header).',
  security: signedIn,
  querystring: z.strictObject({
    q: z.string().min(1).max(100).describe('Code prefix or part of the name, for example "M87" or "dudley".'),
    kind: z.enum(organisationKinds).optional().describe('Only organisations of this kind.'),
    ...pageQuery(20, 100),
    ...tableQuery,
  }),
  response: { 200: Page(Organisation).extend({ attribution: z.string() }) },
};

export const getOrganisationSchema = {
  operationId: 'getOrganisation',
  tags: ['registry'],
  summary: 'One organisation: dates, parents over time, predecessors and successors',
  security: signedIn,
  params: CodeParams,
  description: 'The history also comes as CSV or Excel (`format=csv|xlsx` or the Accept header).',
  querystring: z.strictObject({ kind: z.enum(organisationKinds).optional(), ...tableQuery }),
  response: { 200: OrganisationDetail.extend({ attribution: z.string() }) },
};

export const getOrganisationTreeSchema = {
  operationId: 'getOrganisationTree',
  tags: ['registry'],
  summary: "An ICB's (or any organisation's) tree on a date: sub-ICB locations, places, PCNs and practices",
  security: signedIn,
  params: CodeParams,
  description:
    'Also as CSV or Excel, one row per organisation in the tree (`format=csv|xlsx` or the Accept header).',
  querystring: OnQuery.extend({ kind: z.enum(organisationKinds).default('icb'), ...tableQuery }),
  response: {
    200: z.object({
      on: z.string(),
      tree: TreeNode,
      list_sizes: z
        .object({ as_at: z.string(), source: z.string() })
        .describe('Where the list sizes come from and the date they count patients on.'),
      attribution: z.string(),
    }),
  },
};
