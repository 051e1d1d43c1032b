import type { RouteModule } from '../context.ts';
import { moneyHandlers } from './money.handlers.ts';
import { allocatePlacesSchema, getBudgetSchema } from './money.schemas.ts';

/** Money: an arrangement's integrated budget and payments, and place allocation of an ICS pot. */
export const moneyRoutes: RouteModule = (app, ctx) => {
  const h = moneyHandlers(ctx);
  app.get('/api/arrangements/:id/budget', { schema: getBudgetSchema }, h.budget);
  app.post('/api/allocations', { schema: allocatePlacesSchema }, h.allocate);
};
