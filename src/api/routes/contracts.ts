import { z } from 'zod';
import { ContractFile } from '../../contracts/contract-file.ts';
import { ContractEvent } from '../../contracts/events.ts';
import { advanceTo, applyEvent } from '../../contracts/machine.ts';
import { checkParticulars } from '../../contracts/particulars.ts';
import { type ContractReport, replayContract, report } from '../../contracts/replay.ts';
import { IsoDate, today } from '../../law/date.ts';
import { requireUser } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { mayRecord } from '../contract-permissions.ts';
import { badRequest, refusedEvent } from '../problems.ts';

// The report carries the whole state; its shape is documented in docs/contracts.md and docs/cli.md.
export const Report = z.looseObject({
  contract: z.string(),
  on: z.string(),
  state: z.looseObject({ phase: z.string() }),
});
export const asReport = (r: ContractReport) => ({ ...r, state: { ...r.state } });

/**
 * ICP Contracts over HTTP. Stateless: the caller sends a contract file (particulars and
 * events) and gets it replayed, or offers one more event. Contracts kept in the database
 * are in stored-contracts.ts.
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
      mayRecord(rulebook, user, event);
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
