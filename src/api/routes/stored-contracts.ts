import type { RouteModule } from '../context.ts';
import { storedContractHandlers } from './stored-contracts.handlers.ts';
import {
  createContractSchema,
  getContractEventSchema,
  getContractSchema,
  getContractTimelineSchema,
  listContractsSchema,
  recordContractEventSchema,
} from './stored-contracts.schemas.ts';

/** Contracts kept in the database: list, enter, read on a date, timeline, record an event. */
export const storedContractRoutes: RouteModule = (app, ctx) => {
  const h = storedContractHandlers(ctx);
  app.get('/api/contracts', { schema: listContractsSchema }, h.list);
  app.post('/api/contracts', { schema: createContractSchema }, h.create);
  app.get('/api/contracts/:id', { schema: getContractSchema }, h.getOne);
  app.get('/api/contracts/:id/timeline', { schema: getContractTimelineSchema }, h.timeline);
  app.post('/api/contracts/:id/events', { schema: recordContractEventSchema }, h.recordOne);
  app.get('/api/contracts/:id/events/:seq', { schema: getContractEventSchema }, h.getEvent);
};
