import type { FastifyRequest } from 'fastify';
import {
  describeRoles,
  isAdministrator,
  mayDecideParties,
  partiesDecidedBy,
  partyDeciders,
} from '../../core/roles.ts';
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
import { requireUser } from '../auth.ts';
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
  const parties = (await storedParties(store.db, id))
    .filter((p) => p.side === 'commissioner')
    .map((p) => p.organisation);
  if (!mayDecideParties(user.roles, parties))
    throw forbidden(
      `To ${what} you need the role ${partyDeciders.join(' or ')} for a commissioning party to this arrangement, or administrator; you hold ${describeRoles(user.roles)}.`,
    );
  return {
    ...actorOf(user),
    acceptsFor: partiesDecidedBy(user.roles, parties),
    administrator: isAdministrator(user.roles),
  };
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
