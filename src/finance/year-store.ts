import type { Pence } from '../core/money.ts';
import type { FinancialYear, Period } from '../money/calendar.ts';
import type { FlowThrough } from './incentives.ts';
import type { RiskShareResult } from './risk-share.ts';
import type { YearSchedule } from './wpap.ts';

/** Where each figure sits in a year's row; the lists follow, then the instalments. */
const days = 0;
const fullYear = 1;
const inScope = 2;
const capped = 3;
const cquinEligible = 4;
const cquinAtRisk = 5;
const localAtRisk = 6;
const activityPaid = 7;
const wpap = 8;
const incentivesEarned = 9;
const flowTotal = 10;
const months = 11;
const fixed = 12;

/**
 * A schedule's years kept as rows of whole pence in one array of numbers (docs/money.md,
 * "Explaining figures"). The engine keeps such an array as plain 8-byte doubles, which hold
 * every whole number below 2^53 exactly, and `pence()` keeps every amount below that, so
 * nothing is rounded. Why not an object per year: each year would be some fifteen small
 * objects (its lists, their totals, the boxed amounts), and when a whole country's schedules
 * are built at once (42 ICBs × 20 contracts × 10 years) the garbage collector spent more time
 * moving those objects than the arithmetic took. (A Float64Array per schedule was tried and
 * was slower: each one is a separate allocation outside the heap.) `years()` reads the rows
 * back as YearSchedule records.
 */
export class YearStore {
  readonly #cells: number[];
  readonly #stride: number;
  readonly #locals: number;
  readonly #activity: number;
  readonly #practices: number;
  readonly #labels: FinancialYear[];
  readonly #periods: Period[];
  /** Scope changes and risk shares are rare: their lists are made for the first year that has one. */
  #scopeChanges: Pence[][] | undefined;
  #riskShares: (RiskShareResult | undefined)[] | undefined;
  #written = 0;

  /** Room for `count` years with these numbers of local indicators, activity lines and practices. */
  constructor(count: number, locals: number, activity: number, practices: number) {
    this.#labels = new Array<FinancialYear>(count);
    this.#periods = new Array<Period>(count);
    this.#locals = locals;
    this.#activity = activity;
    this.#practices = practices;
    this.#stride = fixed + locals + activity + practices + 12;
    this.#cells = new Array<number>(count * this.#stride).fill(0);
  }

  /** Keeps year `k` (the years are written in order, from 0). */
  write(k: number, y: YearSchedule): void {
    const c = this.#cells;
    const at = k * this.#stride;
    c[at + days] = y.days;
    c[at + fullYear] = y.full_year;
    c[at + inScope] = y.in_scope;
    c[at + capped] = y.capped ? 1 : 0;
    c[at + cquinEligible] = y.cquin_eligible;
    c[at + cquinAtRisk] = y.cquin_at_risk;
    c[at + localAtRisk] = y.local_at_risk;
    c[at + activityPaid] = y.activity_paid;
    c[at + wpap] = y.wpap;
    c[at + incentivesEarned] = y.incentives_earned;
    c[at + flowTotal] = y.flow_through ? y.flow_through.total : Number.NaN;
    c[at + months] = y.instalments.length;
    // Indexed loops: this runs for every year of every schedule, and needs no iterators.
    copy(y.local_indicators, c, at + fixed);
    copy(y.activity_lines, c, at + fixed + this.#locals);
    if (y.flow_through) copy(y.flow_through.parts, c, at + fixed + this.#locals + this.#activity);
    copy(y.instalments, c, at + fixed + this.#locals + this.#activity + this.#practices);
    this.#labels[k] = y.year;
    this.#periods[k] = y.period;
    if (y.scope_changes.length > 0) (this.#scopeChanges ??= [])[k] = y.scope_changes;
    if (y.risk_share) (this.#riskShares ??= [])[k] = y.risk_share;
    this.#written = k + 1;
  }

  /** The years written so far, as records read from the rows. */
  years(): YearSchedule[] {
    const out = new Array<YearSchedule>(this.#written);
    for (let k = 0; k < this.#written; k++) out[k] = new StoredYear(this, k);
    return out;
  }

  amount(k: number, field: number): Pence {
    return this.#cells[k * this.#stride + field] as Pence;
  }

  /** `count` amounts from position `from` of year k's row. */
  list(k: number, from: number, count: number): Pence[] {
    const at = k * this.#stride + from;
    return this.#cells.slice(at, at + count) as Pence[];
  }

  label(k: number): FinancialYear {
    return this.#labels[k] as FinancialYear;
  }

  period(k: number): Period {
    return this.#periods[k] as Period;
  }

  scopeChanges(k: number): Pence[] {
    return this.#scopeChanges?.[k] ?? [];
  }

  riskShare(k: number): RiskShareResult | undefined {
    return this.#riskShares?.[k];
  }

  get localCount(): number {
    return this.#locals;
  }

  get activityCount(): number {
    return this.#activity;
  }

  get practiceCount(): number {
    return this.#practices;
  }
}

function copy(from: readonly number[], to: number[], at: number): void {
  for (let i = 0; i < from.length; i++) to[at + i] = from[i] as number;
}

/** One year read from a YearStore: each figure is read from the row when asked for. */
class StoredYear implements YearSchedule {
  readonly #store: YearStore;
  readonly #k: number;

  constructor(store: YearStore, k: number) {
    this.#store = store;
    this.#k = k;
  }

  get year() {
    return this.#store.label(this.#k);
  }
  get period() {
    return this.#store.period(this.#k);
  }
  get days() {
    return this.#store.amount(this.#k, days) as number;
  }
  get full_year() {
    return this.#store.amount(this.#k, fullYear);
  }
  get scope_changes() {
    return this.#store.scopeChanges(this.#k);
  }
  get in_scope() {
    return this.#store.amount(this.#k, inScope);
  }
  get capped() {
    return this.#store.amount(this.#k, capped) === 1;
  }
  get cquin_eligible() {
    return this.#store.amount(this.#k, cquinEligible);
  }
  get cquin_at_risk() {
    return this.#store.amount(this.#k, cquinAtRisk);
  }
  get local_indicators() {
    return this.#store.list(this.#k, fixed, this.#store.localCount);
  }
  get local_at_risk() {
    return this.#store.amount(this.#k, localAtRisk);
  }
  get activity_lines() {
    return this.#store.list(this.#k, fixed + this.#store.localCount, this.#store.activityCount);
  }
  get activity_paid() {
    return this.#store.amount(this.#k, activityPaid);
  }
  get wpap() {
    return this.#store.amount(this.#k, wpap);
  }
  get instalments() {
    const s = this.#store;
    const from = fixed + s.localCount + s.activityCount + s.practiceCount;
    return s.list(this.#k, from, s.amount(this.#k, months));
  }
  get incentives_earned() {
    return this.#store.amount(this.#k, incentivesEarned);
  }
  get flow_through(): FlowThrough | undefined {
    const s = this.#store;
    const total = s.amount(this.#k, flowTotal);
    if (Number.isNaN(total)) return undefined;
    return { total, parts: s.list(this.#k, fixed + s.localCount + s.activityCount, s.practiceCount) };
  }
  get risk_share() {
    return this.#store.riskShare(this.#k);
  }
}
