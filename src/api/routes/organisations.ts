import type { RouteModule } from '../context.ts';
import { organisationHandlers } from './organisations.handlers.ts';
import {
  getOrganisationSchema,
  getOrganisationTreeSchema,
  searchOrganisationsSchema,
} from './organisations.schemas.ts';

/** The NHS system registry: search, one organisation with its history, and a tree on a date. */
export const organisationRoutes: RouteModule = (app, ctx) => {
  const h = organisationHandlers(ctx);
  app.get('/api/organisations', { schema: searchOrganisationsSchema }, h.search);
  app.get('/api/organisations/:code', { schema: getOrganisationSchema }, h.getOne);
  app.get('/api/organisations/:code/tree', { schema: getOrganisationTreeSchema }, h.getTree);
};
