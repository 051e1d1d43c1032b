import { createPublicKey } from 'node:crypto';
import { listAudit, verifyAudit } from '../../store/audit.ts';
import { listCheckpoints } from '../../store/audit-checkpoints.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import type { auditCheckpointsSchema, listAuditSchema, verifyAuditSchema } from './audit.schemas.ts';

const readers = ['assurer', 'administrator'] as const;

export function auditHandlers({ store, auditKey }: ApiContext) {
  const publicKey = auditKey ? createPublicKey(auditKey) : undefined;

  const listAuditRecords: Handler<typeof listAuditSchema> = async (request) => {
    requireRole(request, readers, undefined, 'read the audit log');
    const q = request.query;
    return {
      records: await listAudit(store.db, {
        entity: q.entity,
        entityId: q.entity_id,
        afterSeq: q.after,
        limit: q.limit,
      }),
    };
  };

  const verifyAuditChain: Handler<typeof verifyAuditSchema> = async (request) => {
    requireRole(request, readers, undefined, 'verify the audit log');
    return verifyAudit(store.db, { publicKey });
  };

  const listAuditCheckpoints: Handler<typeof auditCheckpointsSchema> = async (request) => {
    requireRole(request, readers, undefined, 'export the audit checkpoints');
    return {
      public_key: publicKey ? String(publicKey.export({ type: 'spki', format: 'pem' })) : null,
      checkpoints: await listCheckpoints(store.db),
    };
  };

  return { listAuditRecords, verifyAuditChain, listAuditCheckpoints };
}
