import type { IsoDate } from '../law/date.ts';
import { type ContractState, type PracticeState, phaseOn } from './state.ts';

/** Who the ICP serves on a date (seed 001, 34), and how many of them have core GP services in the contract. */
export interface PopulationServed {
  on: IsoDate;
  /** Registered with a practice integrated (fully or partially) with the ICP. */
  registered_with_integrated_practices: number;
  /** Of those, registered with a fully integrated practice: core GP services and QOF come through the ICP. */
  fully_integrated: number;
  partially_integrated: number;
  /** Residents of the area not registered with a practice elsewhere. */
  unregistered_residents: number;
  total: number;
  practices: { ods: string; name: string; mode: 'partial' | 'full'; list_size: number }[];
}

function modeOn(practice: PracticeState, on: IsoDate): 'partial' | 'full' | undefined {
  return practice.periods.find((p) => p.from <= on && (p.to === undefined || on < p.to))?.mode;
}

/**
 * The population served on a date: everyone registered with an integrated practice plus
 * the area's residents not registered elsewhere — only while services are being provided
 * (live or under notice). List sizes are those recorded when each practice integrated.
 */
export function populationServed(state: ContractState, on: IsoDate): PopulationServed {
  const running = ['live', 'under-notice'].includes(phaseOn(state, on)) && on >= state.particulars.start;
  const practices = running
    ? Object.values(state.practices)
        .flatMap((p) => {
          const mode = modeOn(p, on);
          return mode ? [{ ods: p.ods, name: p.name, mode, list_size: p.list_size }] : [];
        })
        .sort((a, b) => (a.ods < b.ods ? -1 : 1))
    : [];
  const sum = (mode?: 'partial' | 'full') =>
    practices.filter((p) => !mode || p.mode === mode).reduce((n, p) => n + p.list_size, 0);
  const unregistered = running ? state.particulars.unregistered_residents : 0;
  return {
    on,
    registered_with_integrated_practices: sum(),
    fully_integrated: sum('full'),
    partially_integrated: sum('partial'),
    unregistered_residents: unregistered,
    total: sum() + unregistered,
    practices,
  };
}

/**
 * The days on which the population served changes, with its value from that day: what the
 * money engine needs to adjust the WPAP from the right day (seed 001, 40).
 */
export function populationChanges(state: ContractState): PopulationServed[] {
  const days = new Set<IsoDate>();
  for (const p of state.phases) days.add(p.from);
  for (const practice of Object.values(state.practices)) {
    for (const period of practice.periods) {
      days.add(period.from);
      if (period.to) days.add(period.to);
    }
  }
  days.add(state.particulars.start);
  const out: PopulationServed[] = [];
  for (const day of [...days].sort()) {
    const value = populationServed(state, day);
    const previous = out.at(-1);
    if (
      !previous ||
      previous.total !== value.total ||
      previous.fully_integrated !== value.fully_integrated ||
      previous.partially_integrated !== value.partially_integrated
    ) {
      out.push(value);
    }
  }
  return out.filter((p, i) => i > 0 || p.total > 0);
}
