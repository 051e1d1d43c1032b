import type { RouteModule } from '../context.ts';
import { arrangementHandlers } from './arrangements.handlers.ts';
import {
  checkArrangementDraftSchema,
  checkArrangementSchema,
  createArrangementSchema,
  getArrangementSchema,
  getDecisionSchema,
  getPoolingPlanSchema,
  getResponsibilityMatrixSchema,
  listArrangementsSchema,
  listArrangementVersionsSchema,
  recordDecisionSchema,
  replaceArrangementSchema,
  restoreArrangementVersionSchema,
} from './arrangements.schemas.ts';

/** Arrangements: create, read, update with optimistic concurrency, versions (and restoring one), checks (of drafts too) and decisions. */
export const arrangementRoutes: RouteModule = (app, ctx) => {
  const h = arrangementHandlers(ctx);
  app.get('/api/arrangements', { schema: listArrangementsSchema }, h.list);
  app.post('/api/arrangements', { schema: createArrangementSchema }, h.create);
  app.get('/api/arrangements/:id', { schema: getArrangementSchema }, h.getOne);
  app.put('/api/arrangements/:id', { schema: replaceArrangementSchema }, h.replace);
  app.get('/api/arrangements/:id/versions', { schema: listArrangementVersionsSchema }, h.versions);
  app.post(
    '/api/arrangements/:id/versions/:version/restore',
    { schema: restoreArrangementVersionSchema },
    h.restore,
  );
  app.post('/api/arrangement-drafts/check', { schema: checkArrangementDraftSchema }, h.checkDraft);
  app.post('/api/arrangements/:id/check', { schema: checkArrangementSchema }, h.check);
  app.get('/api/arrangements/:id/matrix', { schema: getResponsibilityMatrixSchema }, h.matrix);
  app.get('/api/arrangements/:id/pooling', { schema: getPoolingPlanSchema }, h.pooling);
  app.post('/api/arrangements/:id/decisions', { schema: recordDecisionSchema }, h.decide);
  app.get('/api/arrangements/:id/decisions/:decision', { schema: getDecisionSchema }, h.decision);
};
