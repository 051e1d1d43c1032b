import { z } from 'zod';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';

const Instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .describe('A date (YYYY-MM-DD, its start in UTC) or an ISO 8601 date and time with its offset.');

export const listAuditSchema = {
  operationId: 'listAudit',
  tags: ['audit'],
  summary: 'Read the audit log in the order it was written, a page at a time (assurers and administrators)',
  security: signedIn,
  querystring: z.strictObject({
    entity: z
      .string()
      .max(100)
      .optional()
      .describe('Only records about this kind of thing, e.g. arrangement.'),
    entity_id: z.string().max(200).optional().describe('Only records about this one (with `entity`).'),
    actor: z
      .string()
      .max(200)
      .optional()
      .describe('Only records whose actor contains this (name or e-mail), any case.'),
    action: z.string().max(100).optional().describe('Only records of this action, e.g. create, update.'),
    from: Instant.optional().describe('Only records made at or after this (a date: from its start, UTC).'),
    to: Instant.optional().describe('Only records made before this (a date: before its start, UTC).'),
    ...pageQuery(100, 1000),
  }),
  response: {
    200: Page(
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
  summary:
    'The signed checkpoints of the audit chain, oldest first, a page at a time, and the public key that verifies them, to keep outside',
  security: signedIn,
  querystring: z.strictObject(pageQuery(100, 1000)),
  response: {
    200: Page(
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
    ).extend({
      public_key: z.string().nullable().describe('Ed25519 public key (PEM); null if no signing key is set.'),
    }),
  },
};
