import { z } from 'zod';
import { ContractFile, checkContractFile } from '../../contracts/contract-file.ts';
import { ContractEvent, eventTypes } from '../../contracts/events.ts';
import { describePhase } from '../../contracts/machine.ts';
import { partiesOf } from '../../contracts/particulars.ts';
import { replayContract } from '../../contracts/replay.ts';
import { InvalidInput } from '../../errors.ts';
import { today } from '../../law/date.ts';
import { contractTables } from '../../outputs/contract-tables.ts';
import {
  contractEvents,
  contractFile,
  createContract,
  getContract,
  listContracts,
  recordEvent,
  type StoredContract,
} from '../../store/contracts.ts';
import { RefusedEvent } from '../../store/errors.ts';
import { requireRole, requireUser } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { contractCreators, mayRecord } from '../contract-permissions.ts';
import { badRequest, refusedEvent } from '../problems.ts';
import { OnQuery } from '../schemas.ts';
import { answer, tableQuery } from '../tabular.ts';
import { asReport, Report } from './contracts.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const Reason = z.string().min(1).max(2000).describe('Why the contract is entered; kept in the audit log.');
const Summary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().describe('Goes up by one with each event recorded.'),
  parties: z.array(z.string()).describe('ODS/ONS codes of the commissioners and the provider.'),
  provider: z.string(),
  start: z.string(),
  end: z.string(),
  phase: z.string().describe('The phase today.'),
  events: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
const Recorded = z.object({
  seq: z.number().int(),
  event: z.looseObject({ on: z.string(), type: z.string(), by: z.string() }),
  recorded_by: z.number().nullable(),
  recorded_by_name: z.string().nullable(),
  recorded_at: z.string(),
});
const actorOf = (user: { id: number; name: string; email: string }) => ({
  userId: user.id,
  label: `${user.name} <${user.email}>`,
});

function summaryOf(stored: StoredContract, events: number, phase: string) {
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
export const storedContractRoutes: RouteModule = (app, { store, rulebook }) => {
  app.get(
    '/api/contracts',
    {
      schema: {
        tags: ['contracts'],
        summary: 'Stored contracts, with the phase each is in today',
        security: signedIn,
        response: { 200: z.object({ contracts: z.array(Summary) }) },
      },
    },
    async (request) => {
      requireUser(request);
      const on = today();
      const contracts = [];
      for (const stored of await listContracts(store.db)) {
        const events = (await contractEvents(store.db, stored.id)).map((r) => r.event);
        const phase = replayContract(rulebook, { particulars: stored.particulars, events }, on).state.phase;
        contracts.push(summaryOf(stored, events.length, phase));
      }
      return { contracts };
    },
  );

  app.post(
    '/api/contracts',
    {
      schema: {
        tags: ['contracts'],
        summary:
          'Enter a contract: its particulars and any events so far, each replayed through the rules (commissioners of a party, administrators)',
        security: signedIn,
        body: z.strictObject({ contract: ContractFile, reason: Reason }),
        response: { 201: Summary },
      },
    },
    async (request, reply) => {
      const { contract, reason } = request.body;
      const user = requireRole(
        request,
        contractCreators,
        partiesOf(contract.particulars),
        'enter this contract',
      );
      checkContractFile(contract);
      let stored: StoredContract;
      try {
        stored = await createContract(store.db, rulebook, contract, actorOf(user), reason);
      } catch (e) {
        if (!(e instanceof RefusedEvent)) throw e;
        const r = e.refusal;
        throw refusedEvent(`Event ${r.index + 1} (${r.type} on ${r.on}): ${r.reason}`, r.rule, r.citations);
      }
      const phase = replayContract(rulebook, contract, today()).state.phase;
      return reply.status(201).send(summaryOf(stored, contract.events.length, phase));
    },
  );

  app.get(
    '/api/contracts/:id',
    {
      schema: {
        tags: ['contracts'],
        summary:
          'A stored contract on a date: the replay report (timeline, what is due next, subcontracts, practices, calendar, performance) and its recorded events',
        description:
          'The compliance calendar, subcontracts, practices, indicators and remedial plans also come as CSV or Excel (`format=csv|xlsx`).',
        security: signedIn,
        params: Params,
        querystring: OnQuery.extend(tableQuery),
        response: {
          200: Summary.extend({
            recorded: z.array(Recorded),
            report: Report,
            event_types: z.array(z.string()).describe('Every kind of event a contract can record.'),
          }),
        },
      },
    },
    async (request, reply) => {
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
      return answer(request, reply, json, () => contractTables(report));
    },
  );

  app.get(
    '/api/contracts/:id/timeline',
    {
      schema: {
        tags: ['contracts'],
        summary:
          "A stored contract's dated life to a date (events and automatic steps, with the rule) and what falls due next",
        security: signedIn,
        params: Params,
        querystring: OnQuery,
        response: {
          200: z.object({
            contract: z.string(),
            on: z.string(),
            phase: z.string(),
            phase_words: z.string(),
            timeline: z.array(
              z.object({
                on: z.string(),
                type: z.string(),
                outcome: z.enum(['applied', 'refused', 'automatic']),
                rule: z.string(),
                summary: z.string(),
                index: z.number().int().optional(),
              }),
            ),
            next_due: z.array(
              z.looseObject({ rule: z.string(), title: z.string(), key: z.string(), due: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const r = replayContract(
        rulebook,
        await contractFile(store.db, request.params.id),
        request.query.on ?? today(),
      );
      return {
        contract: r.contract,
        on: r.on,
        phase: r.state.phase,
        phase_words: describePhase(r.state.phase),
        timeline: r.state.timeline,
        next_due: r.next_due.map((o) => ({ ...o })),
      };
    },
  );

  app.post(
    '/api/contracts/:id/events',
    {
      schema: {
        tags: ['contracts'],
        summary:
          'Record one event on a stored contract as the signed-in user: stored if the rules allow it, refused (not stored) with the rule if not',
        security: signedIn,
        params: Params,
        body: z.strictObject({
          event: ContractEvent,
          version: z
            .number()
            .int()
            .min(1)
            .optional()
            .describe('The version you looked at; if someone recorded an event since, 409.'),
        }),
        response: {
          201: z.object({
            id: z.string(),
            version: z.number().int(),
            seq: z.number().int(),
            summary: z.string(),
            phase_before: z.string(),
            phase_after: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { event, version } = request.body;
      const current = await getContract(store.db, request.params.id);
      mayRecord(rulebook, user, event, current.parties);
      try {
        const done = await recordEvent(store.db, rulebook, current.id, event, actorOf(user), version);
        const { contract, ...rest } = done;
        return reply.status(201).send({ id: contract.id, version: contract.version, ...rest });
      } catch (e) {
        if (e instanceof RefusedEvent)
          throw refusedEvent(e.refusal.reason, e.refusal.rule, e.refusal.citations);
        if (e instanceof InvalidInput && e.field === 'event.on')
          throw badRequest([{ field: 'body/event/on', problem: e.problem, hint: e.hint }]);
        throw e;
      }
    },
  );
};
