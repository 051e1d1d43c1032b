import type { RouteModule } from '../context.ts';
import { paperHandlers } from './papers.handlers.ts';
import {
  getBudgetPaperSchema,
  getContractPaperSchema,
  getLawfulnessPaperSchema,
  getPopulationPaperSchema,
  writeAllocationPaperSchema,
} from './papers.schemas.ts';

/** Board papers as PDF, one route per paper, beside the resource each is drawn from (docs/outputs.md). */
export const paperRoutes: RouteModule = (app, ctx) => {
  const h = paperHandlers(ctx);
  app.get('/api/arrangements/:id/papers/lawfulness', { schema: getLawfulnessPaperSchema }, h.lawfulness);
  app.get('/api/arrangements/:id/papers/budget', { schema: getBudgetPaperSchema }, h.budget);
  app.post('/api/allocations/paper', { schema: writeAllocationPaperSchema }, h.allocation);
  app.get('/api/contracts/:id/paper', { schema: getContractPaperSchema }, h.contract);
  app.get('/api/population/:icb/paper', { schema: getPopulationPaperSchema }, h.population);
};
