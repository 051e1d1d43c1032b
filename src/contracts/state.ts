import type { Pence } from '../core/money.ts';
import type { IsoDate } from '../law/date.ts';
import type { Actor, ContractPhase } from '../law/kinds/lifecycle.ts';
import type { ResolvedCitation } from '../law/rulebook.ts';
import type { Provenance } from '../law/schema.ts';
import type { Particulars } from './particulars.ts';

export type IsapCheckpoint = 'before-procurement' | 'preferred-bidder' | 'before-service-start';

export type ServiceStatus = 'active' | 'suspended' | 'terminating' | 'terminated' | 'expired';

export interface ServiceState {
  status: ServiceStatus;
  since: IsoDate;
  /** When notice has been given for this service: the first day it no longer runs. */
  ends?: IsoDate;
  for_default?: boolean;
}

export type SubcontractStatus =
  | 'proposed'
  | 'declined'
  | 'awaiting-direct-agreement'
  | 'live'
  | 'ended'
  | 'with-commissioners';

export interface SubcontractState {
  id: string;
  subcontractor: string;
  services: string[];
  key: boolean;
  value_pence?: Pence;
  status: SubcontractStatus;
  proposed_on: IsoDate;
  approved_on?: IsoDate;
  approved_by?: string;
  direct_agreement_required?: boolean;
  direct_agreement_on?: IsoDate;
  removal_required?: string;
  ended_on?: IsoDate;
}

/** A stretch of time a practice spends in one mode of integration. `to` is the first day out of it. */
export interface PracticePeriod {
  mode: 'partial' | 'full';
  from: IsoDate;
  to?: IsoDate;
  /** For full integration: how the period ended (reactivated by choice or by default). */
  ended_by?: 'practice-choice' | 'default-on-exit' | 'left';
}

export interface PracticeState {
  ods: string;
  name: string;
  list_size: number;
  contract?: 'gms' | 'pms';
  periods: PracticePeriod[];
  agreement?: {
    goals: string[];
    information_sharing: boolean;
    joint_decisions: boolean;
    incentive_share_percent?: string;
  };
}

export interface Breach {
  id: string;
  on: IsoDate;
  condition: string;
  description: string;
  material: boolean;
  persistent: boolean;
  service?: string;
}

export interface RemedialPlan {
  id: string;
  agreed_on: IsoDate;
  breach?: string;
  actions: string[];
  due: IsoDate;
  completed_on?: IsoDate;
}

export interface IndicatorResult {
  indicator: string;
  year: string;
  value: string;
  target: string;
  met: boolean;
  incentive_pence: Pence;
  recorded_on: IsoDate;
}

/** An obligation created by an event (a remedial plan, an incident, a requirement). */
export interface EventObligation {
  rule: string;
  key: string;
  title: string;
  due: IsoDate;
  created_on: IsoDate;
}

/** Something to bring to a person's attention that is not a refusal (a term over 10 years). */
export interface Flag {
  on: IsoDate;
  rule: string;
  message: string;
}

/** An event the rulebook did not allow: nothing in the contract changed because of it. */
export interface Refusal {
  index: number;
  on: IsoDate;
  type: string;
  by: Actor;
  rule: string;
  rule_title: string;
  provenance: Provenance;
  reason: string;
  citations: ResolvedCitation[];
}

/** One line of the contract's dated life: an event applied, refused, or applied by Concordat. */
export interface TimelineEntry {
  on: IsoDate;
  type: string;
  outcome: 'applied' | 'refused' | 'automatic';
  rule: string;
  summary: string;
  index?: number;
}

/** The whole state of one ICP Contract after replaying its events up to a date. */
export interface ContractState {
  on: IsoDate;
  phase: ContractPhase;
  phases: { phase: ContractPhase; from: IsoDate; rule: string }[];
  particulars: Particulars;
  procurement?: { regime_rule: string; route: string; started: IsoDate };
  preferred_bidder?: { name: string; on: IsoDate; standstill_ends: IsoDate };
  isap: Partial<Record<IsapCheckpoint, { on: IsoDate; outcome: 'passed' | 'not-passed' }>>;
  awarded_on?: IsoDate;
  legal_advice_taken?: boolean;
  services: Record<string, ServiceState>;
  subcontracts: Record<string, SubcontractState>;
  practices: Record<string, PracticeState>;
  notice?: {
    by: 'commissioner' | 'provider';
    given_on: IsoDate;
    effective: IsoDate;
    ground?: string;
    for_default: boolean;
  };
  ended?: { how: 'expiry' | 'termination'; on: IsoDate; for_default: boolean };
  variations: { on: IsoDate; description: string }[];
  /** When a variation last moved the end date. */
  end_varied_on?: IsoDate;
  breaches: Breach[];
  remedial_plans: Record<string, RemedialPlan>;
  indicator_results: IndicatorResult[];
  withheld: { on: IsoDate; plan: string; amount_pence: Pence }[];
  compensation_claims: { on: IsoDate; costs_pence: Pence; recommissioning_pence: Pence }[];
  financial_positions: {
    on: IsoDate;
    net_worth_pence: Pence;
    current_assets_pence: Pence;
    current_liabilities_pence: Pence;
  }[];
  distributions: { on: IsoDate; amount_pence: Pence }[];
  collateral: { asset: string; approved_on?: IsoDate; granted_on?: IsoDate }[];
  third_party_activities: { on: IsoDate; third_party: string; activity: string }[];
  event_obligations: EventObligation[];
  obligations_met: Record<string, IsoDate>;
  flags: Flag[];
  refusals: Refusal[];
  timeline: TimelineEntry[];
}

/** The state before anything has happened: planned, nothing advertised. */
export function initialState(particulars: Particulars): ContractState {
  return {
    on: '0001-01-01',
    phase: 'planned',
    phases: [{ phase: 'planned', from: '0001-01-01', rule: 'lifecycle.advertise' }],
    particulars,
    isap: {},
    services: {},
    subcontracts: {},
    practices: {},
    variations: [],
    breaches: [],
    remedial_plans: {},
    indicator_results: [],
    withheld: [],
    compensation_claims: [],
    financial_positions: [],
    distributions: [],
    collateral: [],
    third_party_activities: [],
    event_obligations: [],
    obligations_met: {},
    flags: [],
    refusals: [],
    timeline: [],
  };
}

/** The key under which an obligation's receipt is recorded. */
export function obligationKey(rule: string, key: string): string {
  return `${rule}|${key}`;
}

/** Moves the contract into a phase from a date, under a rule (staying put if already there). */
export function enterPhase(state: ContractState, phase: ContractPhase, on: IsoDate, rule: string): void {
  if (state.phase === phase) return;
  state.phase = phase;
  state.phases.push({ phase, from: on, rule });
}

/** The phase the contract was in on a date (phases never go back in time). */
export function phaseOn(state: ContractState, date: IsoDate): ContractPhase {
  let phase: ContractPhase = 'planned';
  for (const p of state.phases) if (p.from <= date) phase = p.phase;
  return phase;
}
