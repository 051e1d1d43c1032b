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
      checkpoints: z.number().describe('How many signed checkpoints the chain was checked against.'),
      signatures: z.string().describe('Whether the checkpoint signatures were checked with the public key.'),
    }),
  },
};

export const auditCheckpointsSchema = {
  operationId: 'listAuditCheckpoints',
  tags: ['audit'],
  summary: 'The signed checkpoints of the audit chain and the public key that verifies them, to keep outside',
  security: signedIn,
  response: {
    200: z.object({
      public_key: z.string().nullable().describe('Ed25519 public key (PEM); null if no signing key is set.'),
      checkpoints: z.array(
        z.object({
          seq: z.number().describe('The last record covered: the chain head when signed.'),
          hash: z.string(),
          signed_at: z.string(),
          key: z.string().describe('SHA-256 fingerprint of the public key.'),
          records: z.array(z.tuple([z.number(), z.string()])).describe('[seq, hash] of each record covered.'),
          signature: z
            .string()
            .describe('Ed25519 signature (base64) over the other fields, as canonical JSON.'),
        }),
      ),
    }),
  },
};
