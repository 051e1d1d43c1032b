import { formatDate, type IsoDate } from '../../law/date.ts';
import type { Rulebook, RuleEntry } from '../../law/rulebook.ts';
import { termLongerThan } from '../particulars.ts';
import type { ContractState } from '../state.ts';
import { phaseChangeOnly, type Reducers } from './reducer.ts';

/** The award, the start of services, variations of the term and services, and the end of exit. */
export const termReducers = {
  'contract-awarded': (s, e, rulebook) => {
    s.awarded_on = e.on;
    s.legal_advice_taken = e.legal_advice_taken;
    for (const svc of s.particulars.services)
      s.services[svc.id] = { status: 'active', since: s.particulars.start };
    flagLongTerm(rulebook, s, e.on, s.particulars.end);
  },
  'mobilisation-started': phaseChangeOnly,
  'services-commenced': phaseChangeOnly,
  'variation-agreed': (s, e, rulebook) => {
    const p = s.particulars;
    for (const svc of e.add_services) {
      p.services.push(svc);
      s.services[svc.id] = { status: 'active', since: e.on };
    }
    for (const id of e.remove_services) s.services[id] = { status: 'terminated', since: e.on };
    if (e.new_end) {
      p.end = e.new_end;
      s.end_varied_on = e.on;
      flagLongTerm(rulebook, s, e.on, e.new_end);
    }
    if (e.notice_periods) p.notice_periods = { ...p.notice_periods, ...e.notice_periods };
    s.variations.push({ on: e.on, description: e.description });
  },
  'service-suspended': (s, e) => {
    s.services[e.service] = {
      ...(s.services[e.service] ?? { since: e.on }),
      status: 'suspended',
      since: e.on,
    };
  },
  'service-restored': (s, e) => {
    s.services[e.service] = { status: 'active', since: e.on };
  },
  'exit-completed': phaseChangeOnly,
} satisfies Partial<Reducers>;

/** A term longer than the national guidance contemplates is flagged, not refused (contract.term.maximum-years). */
function flagLongTerm(rulebook: Rulebook, s: ContractState, on: IsoDate, end: IsoDate): void {
  const rule = 'contract.term.maximum-years';
  const entry = rulebook.entry(rule) as RuleEntry<'parameter'>;
  const years = rulebook.versionOn(entry, on)?.value;
  if (years === undefined || !termLongerThan(s.particulars.start, end, Number(years))) return;
  s.flags.push({
    on,
    rule,
    message: `the term from ${formatDate(s.particulars.start)} to ${formatDate(end)} is longer than the ${years} years the ICP Contract guidance contemplates`,
  });
}
