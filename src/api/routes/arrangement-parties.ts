import type { RouteModule } from '../context.ts';
import { arrangementPartyHandlers } from './arrangement-parties.handlers.ts';
import {
  acceptPartyChangeSchema,
  declinePartyChangeSchema,
  listArrangementPartiesSchema,
  listPartyChangesSchema,
  proposePartyChangeSchema,
} from './arrangement-parties.schemas.ts';

/** Who is party to an arrangement: changed only by a proposal its commissioning parties accept. */
export const arrangementPartyRoutes: RouteModule = (app, ctx) => {
  const h = arrangementPartyHandlers(ctx);
  app.get('/api/arrangements/:id/parties', { schema: listArrangementPartiesSchema }, h.parties);
  app.post('/api/arrangements/:id/parties', { schema: proposePartyChangeSchema }, h.propose);
  app.get('/api/arrangements/:id/party-changes', { schema: listPartyChangesSchema }, h.changes);
  app.post(
    '/api/arrangements/:id/party-changes/:changeId/accept',
    { schema: acceptPartyChangeSchema },
    h.accept,
  );
  app.post(
    '/api/arrangements/:id/party-changes/:changeId/decline',
    { schema: declinePartyChangeSchema },
    h.decline,
  );
};
