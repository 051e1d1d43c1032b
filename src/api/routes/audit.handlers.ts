import { createPublicKey } from 'node:crypto';
import { auditReaders as readers } from '../../core/roles.ts';
import { listAudit, verifyAudit } from '../../store/audit.ts';
import { listCheckpoints } from '../../store/audit-checkpoints.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { decodeCursor, pageOf, VersionKey } from '../pagination.ts';
import { badRequest } from '../problems.ts';
import type { auditCheckpointsSchema, listAuditSchema, verifyAuditSchema } from './audit.schemas.ts';

/** An instant as the log writes them (ISO 8601 in UTC), so they compare as text; a date is its start. */
function utc(instant: string | undefined, field: string): string | undefined {
  if (instant === undefined) return undefined;
  const at = new Date(instant.length === 10 ? `${instant}T00:00:00Z` : instant);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9999)
    throw badRequest([
      { field: `querystring/${field}`, problem: `'${instant}' is not a date or time that exists` },
    ]);
  return at.toISOString();
}

export function auditHandlers({ store, auditKey }: ApiContext) {
  const publicKey = auditKey ? createPublicKey(auditKey) : undefined;

  const listAuditRecords: Handler<typeof listAuditSchema> = async (request) => {
    requireRole(request, readers, undefined, 'read the audit log');
    const { cursor, limit, ...q } = request.query;
    const filters = [q.entity, q.entity_id, q.actor, q.action, q.from, q.to];
    const rows = await listAudit(store.db, {
      entity: q.entity,
      entityId: q.entity_id,
      actor: q.actor,
      action: q.action,
      from: utc(q.from, 'from'),
      to: utc(q.to, 'to'),
      afterSeq: decodeCursor(cursor, filters, VersionKey)?.[0],
      limit: limit + 1,
    });
    return pageOf(rows, limit, filters, (r) => [r.seq]);
  };

  const verifyAuditChain: Handler<typeof verifyAuditSchema> = async (request) => {
    requireRole(request, readers, undefined, 'verify the audit log');
    return verifyAudit(store.db, { publicKey });
  };

  const listAuditCheckpoints: Handler<typeof auditCheckpointsSchema> = async (request) => {
    requireRole(request, readers, undefined, 'export the audit checkpoints');
    const { cursor, limit } = request.query;
    const rows = await listCheckpoints(store.db, {
      after: decodeCursor(cursor, [], VersionKey)?.[0],
      limit: limit + 1,
    });
    return {
      public_key: publicKey ? String(publicKey.export({ type: 'spki', format: 'pem' })) : null,
      ...pageOf(rows, limit, [], (c) => [c.seq]),
    };
  };

  return { listAuditRecords, verifyAuditChain, listAuditCheckpoints };
}
