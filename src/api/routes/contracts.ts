import { z } from 'zod';
import { ContractFile } from '../../contracts/contract-file.ts';
import { ContractEvent, type EventType } from '../../contracts/events.ts';
import { advanceTo, applyEvent } from '../../contracts/machine.ts';
import { checkParticulars } from '../../contracts/particulars.ts';
import { type ContractReport, replayContract, report } from '../../contracts/replay.ts';
import { IsoDate, today } from '../../law/date.ts';
import { decisionRule } from '../../law/decisions.ts';
import type { Decision } from '../../law/kinds/decision.ts';
import type { Actor } from '../../law/kinds/lifecycle.ts';
import type { Role } from '../../store/schema.ts';
import { describeRoles, requireUser } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { badRequest, forbidden, refusedByRule, refusedEvent } from '../problems.ts';

/** The contract parties each role may act as when recording an event. Viewers and administrators record none. */
const actorsFor: Record<Role, readonly Actor[]> = {
  commissioner: ['commissioner'],
  'local-authority': ['commissioner'],
  provider: ['provider', 'practice'],
  assurer: ['nhs-england'],
  viewer: [],
  administrator: [],
};

/** Events that are statutory decisions reserved to commissioners (rulebook/system/decisions.yaml). */
const reserved: Partial<Record<EventType, Decision>> = {
  'subcontract-approved': 'approve-subcontract',
  'subcontract-declined': 'approve-subcontract',
  'commissioner-termination': 'terminate-contract',
};

// The report carries the whole state; its shape is documented in docs/contracts.md and docs/cli.md.
const Report = z.looseObject({
  contract: z.string(),
  on: z.string(),
  state: z.looseObject({ phase: z.string() }),
});
const asReport = (r: ContractReport) => ({ ...r, state: { ...r.state } });

/**
 * ICP Contracts over HTTP, stateless: the caller sends the contract file (particulars and
 * events) and gets it replayed, or offers one more event as the signed-in user. Storing
 * contracts and their events in the database (with the audit log) is not built yet.
 */
export const contractRoutes: RouteModule = (app, { rulebook }) => {
  app.post(
    '/api/contracts/replay',
    {
      schema: {
        tags: ['contracts'],
        summary: "Replay a contract's events to a date: phase, population served, what is due, refusals",
        security: signedIn,
        body: z.strictObject({ contract: ContractFile, on: IsoDate.optional() }),
        response: { 200: Report },
      },
    },
    async (request) => {
      requireUser(request);
      const { contract, on } = request.body;
      checkParticulars(contract.particulars);
      return asReport(replayContract(rulebook, contract, on ?? today()));
    },
  );

  app.post(
    '/api/contracts/events',
    {
      schema: {
        tags: ['contracts'],
        summary: 'Record one more event as the signed-in user: applied, or refused with the rule',
        security: signedIn,
        body: z.strictObject({ contract: ContractFile, event: ContractEvent, on: IsoDate.optional() }),
        response: { 200: Report },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { contract, event, on } = request.body;
      checkParticulars(contract.particulars);
      const may = new Set(user.roles.flatMap((r) => actorsFor[r.role]));
      if (!may.has(event.by)) {
        throw forbidden(`You hold ${describeRoles(user)}, which cannot record an event as the ${event.by}.`);
      }
      const decision = reserved[event.type];
      const rule = decision ? decisionRule(rulebook, decision, event.on) : undefined;
      if (rule && !user.roles.some((r) => rule.reserved_to.includes(r.role))) {
        throw refusedByRule(`${rule.title}: ${rule.summary}`, rule.rule, rule.citations);
      }
      const last = contract.events.at(-1);
      if (last && event.on < last.on) {
        throw badRequest([
          { field: 'body/event/on', problem: `comes before the contract's last event (${last.on})` },
        ]);
      }
      const before = replayContract(rulebook, contract, event.on).state;
      const step = applyEvent(rulebook, before, event, contract.events.length);
      if (step.refusal) throw refusedEvent(step.refusal.reason, step.refusal.rule, step.refusal.citations);
      const date = on && on > event.on ? on : event.on;
      return asReport(
        report(rulebook, contract.particulars.name, advanceTo(rulebook, step.state, date), date),
      );
    },
  );
};
