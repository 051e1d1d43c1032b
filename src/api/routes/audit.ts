import type { RouteModule } from '../context.ts';
import { auditHandlers } from './audit.handlers.ts';
import { auditCheckpointsSchema, listAuditSchema, verifyAuditSchema } from './audit.schemas.ts';

/** The audit log: every change, who made it, before and after, why, and the hash chain. */
export const auditRoutes: RouteModule = (app, ctx) => {
  const h = auditHandlers(ctx);
  app.get('/api/audit', { schema: listAuditSchema }, h.listAuditRecords);
  app.get('/api/audit/verify', { schema: verifyAuditSchema }, h.verifyAuditChain);
  app.get('/api/audit/checkpoints', { schema: auditCheckpointsSchema }, h.listAuditCheckpoints);
};
