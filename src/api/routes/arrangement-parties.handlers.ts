import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../store/actor.ts';
import {
  acceptPartyChange,
  declinePartyChange,
  listPartyChanges,
  type PartyActor,
  proposePartyChange,
  storedParties,
} from '../../store/arrangement-parties.ts';
import { getArrangement } from '../../store/arrangements.ts';
import type { Store } from '../../store/db.ts';
import type { Role } from '../../store/schema.ts';
import { describeRoles, requireUser } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { pageOfList } from '../pagination.ts';
import { forbidden } from '../problems.ts';
import type {
  acceptPartyChangeSchema,
  declinePartyChangeSchema,
  listArrangementPartiesSchema,
  listPartyChangesSchema,
  proposePartyChangeSchema,
} from './arrangement-parties.schemas.ts';
import { readable } from './arrangements.handlers.ts';

/** Who decides the parties: commissioners, NHS and local authority (never providers). */
const commissioning: readonly Role[] = ['commissioner', 'local-authority'];

/**
 * The caller as a party actor: an administrator, or a commissioner of a commissioning party
 * to the arrangement (the parties they may accept for); anyone else is refused with 403.
 * A role held England-wide accepts for no party: acceptance is on behalf of an organisation.
 */
async function partyActor(
  store: Store,
  request: FastifyRequest,
  id: string,
  what: string,
): Promise<PartyActor> {
  const user = requireUser(request);
  await getArrangement(store.db, id);
  const parties = (await storedParties(store.db, id)).filter((p) => p.side === 'commissioner');
  const acceptsFor = user.roles
    .filter((r) => commissioning.includes(r.role) && parties.some((p) => p.organisation === r.organisation))
    .map((r) => r.organisation as string);
  const administrator = user.roles.some((r) => r.role === 'administrator');
  if (!administrator && acceptsFor.length === 0)
    throw forbidden(
      `To ${what} you need the role commissioner or local-authority for a commissioning party to this arrangement, or administrator; you hold ${describeRoles(user)}.`,
    );
  return { ...actorOf(user), acceptsFor, administrator };
}

/** The parties to an arrangement, and proposals to change them. */
export function arrangementPartyHandlers({ store }: ApiContext) {
  const parties: Handler<typeof listArrangementPartiesSchema> = async (request) => {
    await readable(request, () => getArrangement(store.db, request.params.id));
    const all = await storedParties(store.db, request.params.id);
    return pageOfList(all, request.query, [], (p) => p.organisation, 'ascending');
  };

  const propose: Handler<typeof proposePartyChangeSchema> = async (request, reply) => {
    const actor = await partyActor(
      store,
      request,
      request.params.id,
      'change who is party to this arrangement',
    );
    const change = await proposePartyChange(store.db, request.params.id, request.body, actor);
    return reply.status(201).send(change);
  };

  const changes: Handler<typeof listPartyChangesSchema> = async (request) => {
    await readable(request, () => getArrangement(store.db, request.params.id));
    const { status } = request.query;
    const all = await listPartyChanges(store.db, request.params.id, status);
    return pageOfList(all, request.query, [status], (c) => c.id, 'descending');
  };

  const accept: Handler<typeof acceptPartyChangeSchema> = async (request) => {
    const { id, changeId } = request.params;
    const actor = await partyActor(store, request, id, 'accept a change to who is party to this arrangement');
    return acceptPartyChange(store.db, id, changeId, actor);
  };

  const decline: Handler<typeof declinePartyChangeSchema> = async (request) => {
    const { id, changeId } = request.params;
    const actor = await partyActor(
      store,
      request,
      id,
      'decline a change to who is party to this arrangement',
    );
    return declinePartyChange(store.db, id, changeId, actor, request.body.reason);
  };

  return { parties, propose, changes, accept, decline };
}
