import { type Pence, sum } from '../core/money.ts';
import type { IsoDate } from '../law/date.ts';
import type { Rulebook } from '../law/rulebook.ts';
import { complianceCalendar, nextDue, type Obligation } from './calendar.ts';
import type { ContractFile } from './contract-file.ts';
import { advanceInPlace, applyEventInPlace } from './machine.ts';
import { provisionsFor } from './particulars.ts';
import { type PopulationServed, populationChanges, populationServed } from './population.ts';
import { type ContractState, initialState } from './state.ts';

/** A contract as it stands on a date, with what is due and what was refused on the way. */
export interface ContractReport {
  contract: string;
  on: IsoDate;
  state: ContractState;
  population: PopulationServed;
  population_changes: PopulationServed[];
  obligations: Obligation[];
  next_due: Obligation[];
  provisions: { service: string; provisions: { id: string; title: string }[] }[];
  incentives: { year: string; earned_pence: Pence; available_pence: Pence }[];
}

/**
 * Replays a contract's events up to and including `on`, then lets time run to `on`. Pure and
 * deterministic: the same file, rulebook and date always give the same report.
 */
export function replayContract(rulebook: Rulebook, contract: ContractFile, on: IsoDate): ContractReport {
  const state = initialState(structuredClone(contract.particulars));
  contract.events.forEach((event, index) => {
    if (event.on <= on) applyEventInPlace(rulebook, state, event, index);
  });
  advanceInPlace(rulebook, state, on);
  return report(rulebook, contract.particulars.name, state, on);
}

/** Builds the report for a state already replayed to `on`. */
export function report(rulebook: Rulebook, name: string, state: ContractState, on: IsoDate): ContractReport {
  const full = Object.values(state.practices).some((p) => p.periods.some((x) => x.mode === 'full'));
  const years = [...new Set(state.indicator_results.map((r) => r.year))].sort();
  const available = sum(state.particulars.indicators.map((i) => i.annual_incentive));
  return {
    contract: name,
    on,
    state,
    population: populationServed(state, on),
    population_changes: populationChanges(state),
    obligations: complianceCalendar(rulebook, state, on),
    next_due: nextDue(rulebook, state, on),
    provisions: state.particulars.services.map((s) => ({
      service: s.id,
      provisions: provisionsFor(rulebook, s, on, full),
    })),
    incentives: years.map((year) => ({
      year,
      earned_pence: sum(state.indicator_results.filter((r) => r.year === year).map((r) => r.incentive_pence)),
      available_pence: available,
    })),
  };
}
