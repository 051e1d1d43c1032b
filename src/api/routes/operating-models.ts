import type { RouteModule } from '../context.ts';
import { operatingModelHandlers } from './operating-models.handlers.ts';
import {
  checkOperatingModelDraftSchema,
  checkOperatingModelSchema,
  createOperatingModelSchema,
  getOperatingModelSchema,
  getSordSchema,
  listIcbFunctionsSchema,
  listOperatingModelsSchema,
  listOperatingModelVersionsSchema,
  organisationIcsSchema,
  replaceOperatingModelSchema,
} from './operating-models.schemas.ts';

/** ICS operating models (docs/ics.md): the ICB's governance lead edits, partners read. */
export const operatingModelRoutes: RouteModule = (app, ctx) => {
  const h = operatingModelHandlers(ctx);
  app.get('/api/operating-models', { schema: listOperatingModelsSchema }, h.list);
  app.post('/api/operating-models', { schema: createOperatingModelSchema }, h.create);
  app.post('/api/operating-models/check', { schema: checkOperatingModelDraftSchema }, h.checkDraft);
  app.get('/api/operating-models/:id', { schema: getOperatingModelSchema }, h.getOne);
  app.put('/api/operating-models/:id', { schema: replaceOperatingModelSchema }, h.replace);
  app.get('/api/operating-models/:id/versions', { schema: listOperatingModelVersionsSchema }, h.versions);
  app.get('/api/operating-models/:id/check', { schema: checkOperatingModelSchema }, h.check);
  app.get('/api/operating-models/:id/sord', { schema: getSordSchema }, h.sord);
  app.get('/api/icb-functions', { schema: listIcbFunctionsSchema }, h.functions);
  app.get('/api/organisations/:code/ics', { schema: organisationIcsSchema }, h.forOrganisation);
};
