import { listAudit, verifyAudit } from '../../store/audit.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import type { listAuditSchema, verifyAuditSchema } from './audit.schemas.ts';

const readers = ['assurer', 'administrator'] as const;

export function auditHandlers({ store }: ApiContext) {
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
    return verifyAudit(store.db);
  };

  return { listAuditRecords, verifyAuditChain };
}
