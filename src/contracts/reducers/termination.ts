import type { IsoDate } from '../../law/date.ts';
import type { EventOf } from '../events.ts';
import { type ContractState, enterPhase } from '../state.ts';
import type { Reducers } from './reducer.ts';

type Termination = EventOf<'commissioner-termination' | 'provider-termination'>;

/** Notice given by either side, for one service or the whole contract, and the costs claimed after. */
export const terminationReducers = {
  'commissioner-termination': giveNotice,
  'provider-termination': giveNotice,
  'termination-costs-claimed': (s, e) => {
    s.compensation_claims.push({ on: e.on, costs_pence: e.costs, recommissioning_pence: e.recommissioning });
  },
} satisfies Partial<Reducers>;

/** The first day the contract (or service) no longer runs: the day itself when ended at once. */
export function noticeEffective(e: Termination): IsoDate {
  return isImmediate(e) ? e.on : (e.effective ?? e.on);
}

/** Only the commissioners can end a contract with immediate effect. */
export function isImmediate(e: Termination): boolean {
  return e.type === 'commissioner-termination' && e.immediate;
}

/**
 * Notice runs until its effective day, when the machine ends the service or contract. Ending
 * for default, for quality or at once is ending for the ICP's default, after which the
 * commissioners may claim their costs of termination.
 */
function giveNotice(s: ContractState, e: Termination): void {
  const effective = noticeEffective(e);
  const byCommissioners = e.type === 'commissioner-termination';
  const forDefault = byCommissioners && (e.ground === 'default' || e.ground === 'quality' || e.immediate);
  if (e.scope === 'service' && e.service) {
    s.services[e.service] = { status: 'terminating', since: e.on, ends: effective, for_default: forDefault };
    return;
  }
  s.notice = {
    by: byCommissioners ? 'commissioner' : 'provider',
    given_on: e.on,
    effective,
    ...(byCommissioners ? { ground: e.ground } : {}),
    for_default: forDefault,
  };
  if (s.phase === 'live') {
    const rule = byCommissioners
      ? 'lifecycle.termination.by-commissioner'
      : 'lifecycle.termination.by-provider';
    enterPhase(s, 'under-notice', e.on, rule);
  }
}
