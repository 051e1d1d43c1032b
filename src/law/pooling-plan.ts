import { z } from 'zod';
import { CommissionerKind } from './arrangement.ts';
import type { IsoDate } from './date.ts';
import type { TraceStep } from './finding.ts';
import type { Classification, Configuration, PartyKind } from './kinds/pooling.ts';
import type { ResolvedCitation } from './rulebook.ts';
import type { Provenance } from './schema.ts';

/** What `planPooling` is asked: the services wanted and the commissioners (kinds; repeat a kind for several). */
export const PoolingRequest = z.strictObject({
  services: z.array(z.string().min(1)).min(1, 'name at least one service'),
  commissioners: z.array(CommissionerKind).min(1, 'name at least one commissioner'),
});
export type PoolingRequest = z.infer<typeof PoolingRequest>;

/** A statement the plan makes, with the rule behind it, that rule's sources on the date and how far it was checked against them. */
export interface Cited {
  rule: string;
  message: string;
  citations: ResolvedCitation[];
  provenance: Provenance;
}

export type MechanismName =
  | 's75-pooled-fund'
  | 's14z3a-pooled-fund'
  | 's65z6-pooled-fund'
  | 'aligned-budgets'
  | 'parallel-budgets'
  | 'joint-exercise';

/**
 * Where a service's money sits in this plan: in the pool, ring-fenced in an aligned budget,
 * outside the integrated budget, or (`aligned`) in its commissioner's own budget aligned to
 * the provider's total because the plan has no pool for it.
 */
export type PlannedClassification = Classification | 'aligned';

export interface PlannedService {
  service: string;
  title: string;
  function_of: 'local-nhs' | 'nhs-england' | 'local-authority';
  held_by: PartyKind | null;
  classification: PlannedClassification;
  rule: string;
}

export interface PlannedFund {
  kind: 'pooled' | 'aligned';
  mechanism: string;
  label: string;
  parties: PartyKind[];
  services: string[];
  rule: string;
  citations: ResolvedCitation[];
  provenance: Provenance;
}

export interface PoolingPlan {
  on: IsoDate;
  services: string[];
  commissioners: z.infer<typeof CommissionerKind>[];
  configuration: Configuration | null;
  feasible: boolean;
  mechanism: MechanismName | null;
  mechanisms: MechanismName[];
  parties_required: { kind: PartyKind; services: string[] }[];
  service_plan: PlannedService[];
  funds: PlannedFund[];
  ring_fenced: (Cited & { service: string })[];
  excluded: (Cited & { service: string })[];
  outside: (Cited & { service: string })[];
  problems: Cited[];
  conditions: Cited[];
  notes: Cited[];
  annex_b: AnnexBMatch | null;
  trace: TraceStep[];
}

export interface AnnexBMatch {
  rule: string;
  care_model: string;
  configuration: Configuration;
  whole_model: 'possible' | 'not-possible' | 'not-needed';
  commissioners_required: string | null;
  how_to_pool: string;
  summary: string;
  agrees: boolean;
  citations: ResolvedCitation[];
  provenance: Provenance;
}
