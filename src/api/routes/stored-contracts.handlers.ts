import { checkContractFile } from '../../contracts/contract-file.ts';
import { eventTypes } from '../../contracts/events.ts';
import { partiesOf } from '../../contracts/particulars.ts';
import { describePhase } from '../../contracts/phases.ts';
import { replayContract } from '../../contracts/replay.ts';
import { InvalidInput } from '../../core/errors.ts';
import { editors } from '../../core/roles.ts';
import { today } from '../../law/date.ts';
import type { ContractPhase } from '../../law/kinds/lifecycle.ts';
import { contractTables, timelineTables } from '../../outputs/contract-tables.ts';
import { contractPaper } from '../../outputs/papers.ts';
import { actorOf } from '../../store/actor.ts';
import {
  contractEvents,
  contractFile,
  createContract,
  getContract,
  listContracts,
  recordEvent,
  type StoredContract,
} from '../../store/contracts.ts';
import { NotFound, RefusedEvent } from '../../store/errors.ts';
import { requireRole, requireUser } from '../auth.ts';
import { requireMatch } from '../conditional.ts';
import type { ApiContext, Handler } from '../context.ts';
import { mayRecord } from '../contract-permissions.ts';
import { decodeCursor, NameAndId, pageOf } from '../pagination.ts';
import { badRequest, refusedEvent } from '../problems.ts';
import { answer } from '../tabular.ts';
import { asReport } from './contracts.schemas.ts';
import type {
  createContractSchema,
  getContractEventSchema,
  getContractSchema,
  getContractTimelineSchema,
  listContractsSchema,
  recordContractEventSchema,
} from './stored-contracts.schemas.ts';

function summaryOf(stored: StoredContract, events: number, phase: ContractPhase) {
  const p = stored.particulars;
  const { particulars: _p, ...rest } = stored;
  return { ...rest, provider: p.provider.name, start: p.start, end: p.end, phase, events };
}

/**
 * Contracts kept in the database (src/store/contracts.ts). Any signed-in role may read
 * them; commissioners and administrators enter them; each event is recorded as the
 * signed-in user with the same checks as the stateless route (contract-permissions.ts),
 * replayed through the contract machine, and kept with an audit entry. A refused event is
 * not stored: the answer names the rule and its sources.
 */
export function storedContractHandlers({ store, rulebook }: ApiContext) {
  const list: Handler<typeof listContractsSchema> = async (request) => {
    requireUser(request);
    const { provider, commissioner, limit, cursor } = request.query;
    const filters = [provider, commissioner];
    const rows = await listContracts(store.db, {
      provider,
      commissioner,
      after: decodeCursor(cursor, filters, NameAndId),
      limit: limit + 1,
    });
    const on = today();
    const summaries = [];
    // Only the contracts on this page are replayed to today.
    for (const stored of rows.slice(0, limit)) {
      const events = (await contractEvents(store.db, stored.id)).map((r) => r.event);
      const phase = replayContract(rulebook, { particulars: stored.particulars, events }, on).state.phase;
      summaries.push(summaryOf(stored, events.length, phase));
    }
    const page = pageOf(rows, limit, filters, (c) => [c.name, c.id]);
    return { items: summaries, next_cursor: page.next_cursor };
  };

  const create: Handler<typeof createContractSchema> = async (request, reply) => {
    const { contract, reason } = request.body;
    const user = requireRole(request, editors, partiesOf(contract.particulars), 'enter this contract');
    checkContractFile(contract);
    let stored: StoredContract;
    try {
      stored = await createContract(store.db, rulebook, contract, actorOf(user), reason);
    } catch (e) {
      if (!(e instanceof RefusedEvent)) throw e;
      const r = e.refusal;
      throw refusedEvent(`Event ${r.index + 1} (${r.type} on ${r.on}): ${r.reason}`, r);
    }
    const phase = replayContract(rulebook, contract, today()).state.phase;
    return reply
      .status(201)
      .header('location', `/api/contracts/${encodeURIComponent(stored.id)}`)
      .send(summaryOf(stored, contract.events.length, phase));
  };

  const getOne: Handler<typeof getContractSchema> = async (request, reply) => {
    requireUser(request);
    const stored = await getContract(store.db, request.params.id);
    const recorded = await contractEvents(store.db, stored.id);
    const file = { particulars: stored.particulars, events: recorded.map((r) => r.event) };
    const on = request.query.on ?? today();
    const report = replayContract(rulebook, file, on);
    // The summary's phase is today's: the report already has it when asked about today.
    const phase = on === today() ? report.state.phase : replayContract(rulebook, file, today()).state.phase;
    const json = {
      ...summaryOf(stored, recorded.length, phase),
      recorded,
      report: asReport(report),
      event_types: eventTypes,
    };
    reply.header('etag', `"${stored.version}"`);
    return answer(
      request,
      reply,
      json,
      () => contractTables(report),
      () => contractPaper(report, String(stored.version)),
    );
  };

  const timeline: Handler<typeof getContractTimelineSchema> = async (request, reply) => {
    requireUser(request);
    const r = replayContract(
      rulebook,
      await contractFile(store.db, request.params.id),
      request.query.on ?? today(),
    );
    const json = {
      contract: r.contract,
      on: r.on,
      phase: r.state.phase,
      phase_words: describePhase(r.state.phase),
      timeline: r.state.timeline,
      next_due: r.next_due.map((o) => ({ ...o })),
    };
    return answer(request, reply, json, () => timelineTables(r));
  };

  const recordOne: Handler<typeof recordContractEventSchema> = async (request, reply) => {
    const user = requireUser(request);
    const { event, version } = request.body;
    const current = await getContract(store.db, request.params.id);
    mayRecord(rulebook, user, event, current.parties);
    requireMatch(request, current.version);
    // An If-Match that held is the version looked at, as `version` would be: checked again under the row lock.
    const expected = version ?? (request.headers['if-match'] === undefined ? undefined : current.version);
    try {
      const done = await recordEvent(store.db, rulebook, current.id, event, actorOf(user), expected);
      const { contract, ...rest } = done;
      return reply
        .status(201)
        .header('location', `/api/contracts/${encodeURIComponent(contract.id)}/events/${rest.seq}`)
        .header('etag', `"${contract.version}"`)
        .send({ id: contract.id, version: contract.version, ...rest });
    } catch (e) {
      if (e instanceof RefusedEvent) throw refusedEvent(e.refusal.reason, e.refusal);
      if (e instanceof InvalidInput && e.field === 'event.on')
        throw badRequest([{ field: 'body/event/on', problem: e.problem, hint: e.hint }]);
      throw e;
    }
  };

  const getEvent: Handler<typeof getContractEventSchema> = async (request) => {
    requireUser(request);
    const { id, seq } = request.params;
    const found = (await contractEvents(store.db, (await getContract(store.db, id)).id)).find(
      (r) => r.seq === seq,
    );
    if (!found) throw new NotFound(`event ${seq} of contract`, id);
    return found;
  };

  return { list, create, getOne, timeline, recordOne, getEvent };
}
