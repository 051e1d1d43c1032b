import { z } from 'zod';
import { signedIn } from '../context.ts';

export const listAuditSchema = {
  operationId: 'listAudit',
  tags: ['audit'],
  summary: 'Read the audit log (assurers and administrators)',
  security: signedIn,
  querystring: z.strictObject({
    entity: z.string().optional(),
    entity_id: z.string().optional(),
    after: z.coerce.number().int().min(0).optional().describe('Only records after this sequence number.'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  }),
  response: {
    200: z.object({
      records: z.array(
        z.object({
          seq: z.number(),
          at: z.string(),
          actor: z.string(),
          action: z.string(),
          entity: z.string(),
          entity_id: z.string(),
          before: z.unknown(),
          after: z.unknown(),
          reason: z.string(),
          prev_hash: z.string(),
          hash: z.string(),
        }),
      ),
    }),
  },
};

export const verifyAuditSchema = {
  operationId: 'verifyAudit',
  tags: ['audit'],
  summary: 'Recompute the hash chain and report any tampering',
  security: signedIn,
  response: {
    200: z.object({
      records: z.number(),
      intact: z.boolean(),
      broken: z.object({ seq: z.number(), problem: z.string() }).optional(),
      lastHash: z.string(),
    }),
  },
};
