import type { RouteModule } from '../context.ts';
import { placeGroupingHandlers } from './place-groupings.handlers.ts';
import {
  createPlaceGroupingSchema,
  getPlaceGroupingSchema,
  listIcbPracticesSchema,
  listPlaceGroupingsSchema,
  replacePlaceGroupingSchema,
} from './place-groupings.schemas.ts';

/** An ICB's practices and its saved place groupings (sets of practices) for place allocation. */
export const placeGroupingRoutes: RouteModule = (app, ctx) => {
  const h = placeGroupingHandlers(ctx);
  app.get('/api/icbs/:icb/practices', { schema: listIcbPracticesSchema }, h.listPractices);
  app.get('/api/icbs/:icb/place-groupings', { schema: listPlaceGroupingsSchema }, h.list);
  app.get('/api/icbs/:icb/place-groupings/:id', { schema: getPlaceGroupingSchema }, h.getOne);
  app.post('/api/icbs/:icb/place-groupings', { schema: createPlaceGroupingSchema }, h.create);
  app.put('/api/icbs/:icb/place-groupings/:id', { schema: replacePlaceGroupingSchema }, h.replace);
};
