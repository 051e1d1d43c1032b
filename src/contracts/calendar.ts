import type { IsoDate } from '../law/date.ts';
import { addDays, addMonths, addYears, maxDate, minDate, monthEnd } from '../law/date-arithmetic.ts';
import type { ResolvedCitation, Rulebook, RuleVersion } from '../law/rulebook.ts';
import type { Provenance } from '../law/schema.ts';
import { yearEnd, yearOf } from '../money/calendar.ts';
import { type ContractState, obligationKey } from './state.ts';

export type ObligationStatus = 'met' | 'met-late' | 'overdue' | 'due' | 'upcoming';

/** One thing a party must do by a date, and where it stands. */
export interface Obligation {
  rule: string;
  title: string;
  who: 'provider' | 'commissioner';
  key: string;
  due: IsoDate;
  status: ObligationStatus;
  met_on?: IsoDate;
  citations: ResolvedCitation[];
  provenance: Provenance;
}

/**
 * Every obligation the contract has given rise to, whatever its date: the rulebook's
 * schedules (rulebook/lifecycle/obligations.yaml) laid over the contract's term, plus those
 * events created. Each uses the version of its rule in force on its due date. `only` limits
 * it to one rule's obligations.
 */
export function obligationSchedule(
  rulebook: Rulebook,
  state: ContractState,
  only?: string,
): Omit<Obligation, 'status'>[] {
  const out: Omit<Obligation, 'status'>[] = [];
  const add = (rule: string, key: string, due: IsoDate) => {
    const entry = rulebook.entry(rule);
    const version = rulebook.versionOn(entry, due) as RuleVersion<'lifecycle-obligation'> | undefined;
    if (!version) return;
    const met_on = state.obligations_met[obligationKey(rule, key)];
    out.push({
      rule,
      title: entry.title,
      who: version.who,
      key,
      due,
      ...(met_on ? { met_on } : {}),
      citations: citationsOf(rulebook, version),
      provenance: entry.provenance,
    });
  };

  for (const o of state.event_obligations) if (!only || o.rule === only) add(o.rule, o.key, o.due);

  const window = serviceWindow(state);
  if (!window) return sortObligations(out);
  const p = state.particulars;
  for (const entry of rulebook.entries.values()) {
    if (entry.kind !== 'lifecycle-obligation' || (only && entry.id !== only)) continue;
    // The schedule is read from the version in force when services start; each instance then
    // takes the version in force on its own due date (in `add`).
    const plan = rulebook.versionOn(entry, window.start) as RuleVersion<'lifecycle-obligation'> | undefined;
    if (!plan || !applies(plan.applies_to, state)) continue;
    const days = plan.offset_days ?? 0;
    const months = plan.offset_months ?? 0;
    switch (plan.schedule) {
      case 'before-service-start':
        add(entry.id, 'once', addDays(window.start, days));
        break;
      case 'before-each-contract-year':
        for (let k = 0, y = window.start; y <= window.last; k++, y = addYears(window.start, k)) {
          add(entry.id, y, addDays(y, days));
        }
        break;
      case 'after-each-financial-year': {
        const first = Number(yearOf(window.start).slice(0, 4));
        const last = Number(yearOf(window.last).slice(0, 4));
        for (let y = first; y <= last; y++) {
          const year = yearOf(`${y}-04-01`);
          add(entry.id, year, addMonths(yearEnd(year), months));
        }
        break;
      }
      case 'quarterly': {
        // Financial-year quarters: April to June is Q1 of its year.
        const firstQuarter = quarterStart(window.start);
        for (let q = firstQuarter; q <= window.last; q = addMonths(q, 3)) {
          add(entry.id, quarterName(q), monthEnd(addMonths(q, 2 + months)));
        }
        break;
      }
      case 'before-expiry': {
        // Expected before expiry; after notice of termination, within a month of the notice
        // if that is sooner (Concordat's assumption: exit plans must be ready while notice runs).
        let due = addMonths(p.end, -p.exit.plan_months_before_expiry);
        if (state.end_varied_on) due = maxDate(due, addMonths(state.end_varied_on, 1));
        if (state.notice) due = minDate(due, addMonths(state.notice.given_on, 1));
        add(entry.id, 'once', due);
        break;
      }
      case 'on-event':
        break;
    }
  }
  return sortObligations(out);
}

const resolved = new WeakMap<object, ResolvedCitation[]>();

/** A version's citations resolved once: a calendar repeats the same few rules many times. */
function citationsOf(rulebook: Rulebook, version: RuleVersion<'lifecycle-obligation'>): ResolvedCitation[] {
  let cites = resolved.get(version);
  if (!cites) {
    cites = rulebook.resolve(version.cite);
    resolved.set(version, cites);
  }
  return cites;
}

/**
 * The compliance calendar on a date: what was met (on time or late), what is overdue, and
 * what falls due within `horizonDays`. Later obligations are left out.
 */
export function complianceCalendar(
  rulebook: Rulebook,
  state: ContractState,
  on: IsoDate,
  horizonDays = 90,
): Obligation[] {
  const horizon = addDays(on, horizonDays);
  return obligationSchedule(rulebook, state)
    .map((o) => ({ ...o, status: statusOf(o, on, horizon) }))
    .filter((o) => o.status !== 'upcoming');
}

/** The next obligations not yet met, soonest first. */
export function nextDue(rulebook: Rulebook, state: ContractState, on: IsoDate, count = 5): Obligation[] {
  return obligationSchedule(rulebook, state)
    .filter((o) => !o.met_on && o.due >= on)
    .slice(0, count)
    .map((o) => ({ ...o, status: statusOf(o, on, on) }));
}

function statusOf(o: Omit<Obligation, 'status'>, on: IsoDate, horizon: IsoDate): ObligationStatus {
  if (o.met_on && o.met_on <= on) return o.met_on <= o.due ? 'met' : 'met-late';
  if (o.due < on) return 'overdue';
  return o.due <= horizon ? 'due' : 'upcoming';
}

/** First and last day services run (or are due to), once the contract has been awarded. */
function serviceWindow(state: ContractState): { start: IsoDate; last: IsoDate } | undefined {
  if (!state.awarded_on) return undefined;
  const start = state.particulars.start;
  let last = state.particulars.end;
  if (state.ended) last = minDate(last, addDays(state.ended.on, -1));
  if (state.notice) last = minDate(last, addDays(state.notice.effective, -1));
  return last < start ? undefined : { start, last };
}

function applies(to: 'all' | 'non-statutory' | 'guarantee-required', state: ContractState): boolean {
  const p = state.particulars;
  if (to === 'non-statutory') return !p.provider.statutory_body;
  if (to === 'guarantee-required')
    return !p.provider.statutory_body && (p.non_statutory?.guarantee_required ?? false);
  return true;
}

function sortObligations<T extends { due: IsoDate; rule: string; key: string }>(list: T[]): T[] {
  return list.sort((a, b) =>
    a.due !== b.due
      ? a.due < b.due
        ? -1
        : 1
      : a.rule !== b.rule
        ? a.rule < b.rule
          ? -1
          : 1
        : a.key < b.key
          ? -1
          : a.key > b.key
            ? 1
            : 0,
  );
}

/** The first day of the financial-year quarter a date falls in. */
function quarterStart(date: IsoDate): IsoDate {
  const month = Number(date.slice(5, 7));
  const first = month - ((month - 1) % 3);
  return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** `2020-07-01` → `2020/21 Q2`. */
function quarterName(start: IsoDate): string {
  const month = Number(start.slice(5, 7));
  const quarter = month >= 4 ? (month - 4) / 3 + 1 : 4;
  return `${yearOf(start)} Q${quarter}`;
}
