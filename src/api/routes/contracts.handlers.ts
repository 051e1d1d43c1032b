import { advanceTo, applyEvent } from '../../contracts/machine.ts';
import { checkParticulars } from '../../contracts/particulars.ts';
import { replayContract, report } from '../../contracts/replay.ts';
import { today } from '../../law/date.ts';
import { contractTables } from '../../outputs/contract-tables.ts';
import { requireUser } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { mayRecord } from '../contract-permissions.ts';
import { badRequest, refusedEvent } from '../problems.ts';
import { answer } from '../tabular.ts';
import { asReport, type offerContractEventSchema, type replayContractSchema } from './contracts.schemas.ts';

export function contractHandlers({ rulebook }: ApiContext) {
  const replay: Handler<typeof replayContractSchema> = async (request, reply) => {
    requireUser(request);
    const { contract, on } = request.body;
    checkParticulars(contract.particulars);
    const replayed = replayContract(rulebook, contract, on ?? today());
    return answer(request, reply, asReport(replayed), () => contractTables(replayed));
  };

  const offerEvent: Handler<typeof offerContractEventSchema> = async (request) => {
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
    if (step.refusal) throw refusedEvent(step.refusal.reason, step.refusal);
    const date = on && on > event.on ? on : event.on;
    return asReport(report(rulebook, contract.particulars.name, advanceTo(rulebook, step.state, date), date));
  };

  return { replay, offerEvent };
}
