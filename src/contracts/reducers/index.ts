import type { Rulebook } from '../../law/rulebook.ts';
import type { ContractEvent } from '../events.ts';
import type { ContractState } from '../state.ts';
import { obligationReducers } from './obligations.ts';
import { performanceReducers } from './performance.ts';
import { practiceReducers } from './practices.ts';
import { procurementReducers } from './procurement.ts';
import type { Reducer, Reducers } from './reducer.ts';
import { safeguardReducers } from './safeguards.ts';
import { subcontractReducers } from './subcontracts.ts';
import { termReducers } from './term.ts';
import { terminationReducers } from './termination.ts';

/** One reducer for every event type: the compiler refuses a type left without one. */
const reducers: Reducers = {
  ...procurementReducers,
  ...termReducers,
  ...terminationReducers,
  ...subcontractReducers,
  ...practiceReducers,
  ...obligationReducers,
  ...safeguardReducers,
  ...performanceReducers,
};

/** Changes `state` as an event the rulebook has allowed says; the caller owns `state`. */
export function reduce(rulebook: Rulebook, state: ContractState, event: ContractEvent): void {
  (reducers[event.type] as Reducer<ContractEvent['type']>)(state, event, rulebook);
}
