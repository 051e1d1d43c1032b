import { z } from 'zod';
import { topics } from '../../law/topics.ts';
import { signedIn } from '../context.ts';
import { Citation } from '../plan-schemas.ts';
import { Provenance } from '../schemas.ts';

export const explainRuleSchema = {
  operationId: 'explainRule',
  tags: ['rules'],
  summary:
    'One rule by id: its title, each dated version with its summary and sources, and how far it was checked',
  description:
    'The id is the one a finding, refusal or trace names (`rule`). `provenance` says whether the rule was compared with its published sources, when and by whom (a role), or why not.',
  security: signedIn,
  params: z.strictObject({
    id: z.string().min(1).max(200).describe('The rule id, such as contract.term.maximum-years.'),
  }),
  response: {
    200: z.object({
      id: z.string(),
      title: z.string(),
      topic: z.enum(topics),
      provenance: Provenance,
      outside_seeds: z
        .boolean()
        .describe('True when its sources are outside the NHS England papers Concordat is built on.'),
      versions: z
        .array(
          z.object({
            from: z.string().describe('First day in force.'),
            to: z.string().nullable().describe('Last day in force; null while it still applies.'),
            summary: z
              .string()
              .nullable()
              .describe(
                "What the version says in words: its summary, or a parameter's note; null when it has neither.",
              ),
            citations: z.array(Citation),
          }),
        )
        .describe('Oldest first.'),
    }),
  },
};
