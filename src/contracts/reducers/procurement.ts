import type { IsoDate } from '../../law/date.ts';
import { addDays, addWorkingDays } from '../../law/date-arithmetic.ts';
import type { Rulebook, RuleEntry } from '../../law/rulebook.ts';
import { regimeOn } from '../conditions.ts';
import type { EventOf } from '../events.ts';
import type { ContractState, IsapCheckpoint } from '../state.ts';
import { phaseChangeOnly, type Reducers } from './reducer.ts';

/** From the advert to the preferred bidder. */
export const procurementReducers = {
  'intention-advertised': phaseChangeOnly,
  'isap-before-procurement': recordIsap,
  'isap-preferred-bidder': recordIsap,
  'isap-before-service-start': recordIsap,
  'procurement-started': (s, e, rulebook) => {
    const regime = regimeOn(rulebook, e.on);
    if (regime) s.procurement = { regime_rule: regime.entry.id, route: e.route, started: e.on };
  },
  'procurement-abandoned': phaseChangeOnly,
  'preferred-bidder-selected': (s, e, rulebook) => {
    const last = standstillLastDay(rulebook, s, e.on);
    s.preferred_bidder = { name: e.bidder, on: e.on, standstill_ends: addDays(last, 1) };
  },
} satisfies Partial<Reducers>;

type IsapEvent = EventOf<'isap-before-procurement' | 'isap-preferred-bidder' | 'isap-before-service-start'>;

function recordIsap(s: ContractState, e: IsapEvent): void {
  s.isap[isapCheckpoint(e)] = { on: e.on, outcome: e.outcome };
}

/** The ISAP checkpoint an event records: `isap-preferred-bidder` records `preferred-bidder`. */
export function isapCheckpoint(e: IsapEvent): IsapCheckpoint {
  return e.type.replace('isap-', '') as IsapCheckpoint;
}

/**
 * The last day of the standstill after a notice on `notice`: the Provider Selection Regime's
 * working days where the regime gives them, otherwise the PCR 2015 calendar days in force
 * when the procurement started (lifecycle.standstill.pcr-2015); none if neither applies.
 */
function standstillLastDay(rulebook: Rulebook, s: ContractState, notice: IsoDate): IsoDate {
  const started = s.procurement?.started ?? notice;
  const regime = s.procurement
    ? rulebook.versionOn(
        rulebook.entry(s.procurement.regime_rule) as RuleEntry<'procurement-regime'>,
        started,
      )
    : undefined;
  if (regime?.standstill_working_days) return addWorkingDays(notice, regime.standstill_working_days);
  const pcr = rulebook.versionOn(
    rulebook.entry('lifecycle.standstill.pcr-2015') as RuleEntry<'parameter'>,
    started,
  );
  return pcr ? addDays(notice, Number(pcr.value)) : notice;
}
