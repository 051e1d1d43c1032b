import type { RouteModule } from '../context.ts';
import { contractHandlers } from './contracts.handlers.ts';
import { offerContractEventSchema, replayContractSchema } from './contracts.schemas.ts';

export { asReport, Report } from './contracts.schemas.ts';

/**
 * ICP Contracts over HTTP. Stateless: the caller sends a contract file (particulars and
 * events) and gets it replayed, or offers one more event. Contracts kept in the database
 * are in stored-contracts.ts.
 */
export const contractRoutes: RouteModule = (app, ctx) => {
  const h = contractHandlers(ctx);
  app.post('/api/contracts/replay', { schema: replayContractSchema }, h.replay);
  app.post('/api/contracts/events', { schema: offerContractEventSchema }, h.offerEvent);
};
