import type { RouteModule } from '../context.ts';
import { arrangementCatalogueHandlers } from './arrangement-catalogue.handlers.ts';
import {
  listActivitiesSchema,
  listArrangementTemplatesSchema,
  listServicesSchema,
} from './arrangement-catalogue.schemas.ts';

/** What a new arrangement is built from: the rulebook's services and activities, and care-model templates. */
export const arrangementCatalogueRoutes: RouteModule = (app, ctx) => {
  const h = arrangementCatalogueHandlers(ctx);
  app.get('/api/rules/services', { schema: listServicesSchema }, h.services);
  app.get('/api/rules/activities', { schema: listActivitiesSchema }, h.activities);
  app.get('/api/arrangement-templates', { schema: listArrangementTemplatesSchema }, h.listTemplates);
};
