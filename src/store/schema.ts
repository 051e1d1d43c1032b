import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { OrganisationKind } from '../core/organisations.ts';
import type { Role } from '../core/roles.ts';
import type { GroupedPlace, SavedPot } from '../finance/grouping-pot.ts';

/**
 * The database as Kysely sees it. Dates are calendar dates returned as `YYYY-MM-DD`
 * strings (see db.ts), never JavaScript Dates, so a date means the same day everywhere.
 */
export interface Database {
  organisations: OrganisationTable;
  memberships: MembershipTable;
  successions: SuccessionTable;
  arrangements: ArrangementTable;
  arrangement_versions: ArrangementVersionTable;
  arrangement_parties: ArrangementPartyTable;
  arrangement_party_changes: ArrangementPartyChangeTable;
  arrangement_party_acceptances: ArrangementPartyAcceptanceTable;
  findings: FindingTable;
  decisions: DecisionTable;
  contracts: ContractTable;
  contract_events: ContractEventTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditTable;
  audit_checkpoints: AuditCheckpointTable;
  reference_imports: ReferenceImportTable;
  list_sizes: ListSizeTable;
  place_groupings: PlaceGroupingTable;
  operating_models: OperatingModelTable;
  operating_model_versions: OperatingModelVersionTable;
}

export interface OrganisationTable {
  id: Generated<number>;
  /** ODS code (ONS code for local authorities and places). Unique with the kind: CCG 05C and sub-ICB location 05C are two organisations. */
  code: string;
  kind: OrganisationKind;
  name: string;
  opened: string | null;
  closed: string | null;
  source: string;
}

/** `child` is part of `parent` from `valid_from` to `valid_to` (inclusive; null = still). */
export interface MembershipTable {
  id: Generated<number>;
  child_id: number;
  parent_id: number;
  valid_from: string;
  valid_to: string | null;
  source: string;
}

export interface SuccessionTable {
  predecessor_id: number;
  successor_id: number;
  on_date: string;
  source: string;
}

export interface ArrangementTable {
  id: string;
  name: string;
  version: number;
  document: JSONColumnType<Record<string, unknown>>;
  created_at: string;
  updated_at: string;
}

/** Which side of an arrangement a party is on: commissioners accept changes to the parties. */
export type PartySide = 'commissioner' | 'provider';

/** An organisation (ODS/ONS code) party to an arrangement: it decides whose roles reach it. */
export interface ArrangementPartyTable {
  arrangement_id: string;
  organisation: string;
  side: PartySide;
  /** When it became a party (ISO timestamp). */
  since: string;
  added_by: number | null;
}

/** A proposal to add or remove a party, pending until every commissioning party accepts it. */
export interface ArrangementPartyChangeTable {
  id: Generated<number>;
  arrangement_id: string;
  change: 'add' | 'remove';
  organisation: string;
  side: PartySide;
  reason: string;
  status: 'pending' | 'applied' | 'declined';
  proposed_by: number | null;
  proposed_at: string;
  settled_by: number | null;
  settled_at: string | null;
}

/** One commissioning party's acceptance of a party change, and who gave it. */
export interface ArrangementPartyAcceptanceTable {
  change_id: number;
  organisation: string;
  accepted_by: number | null;
  accepted_at: string;
}

export interface ArrangementVersionTable {
  arrangement_id: string;
  version: number;
  document: JSONColumnType<Record<string, unknown>>;
  changed_by: number | null;
  changed_at: string;
  reason: string;
}

/** An ICP Contract: its particulars as checked on the way in (amounts in pence). */
export interface ContractTable {
  id: string;
  name: string;
  particulars: JSONColumnType<Record<string, unknown>>;
  /** ODS/ONS codes of the commissioners and the provider, for scoping roles. */
  parties: JSONColumnType<string[]>;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One event the contract rules allowed, in the order recorded (seq from 0). */
export interface ContractEventTable {
  contract_id: string;
  seq: number;
  event: JSONColumnType<Record<string, unknown>>;
  recorded_by: number | null;
  recorded_at: string;
}

export interface FindingTable {
  id: Generated<number>;
  arrangement_id: string;
  version: number;
  checked_on: string;
  rule: string;
  severity: string;
  message: string;
  path: string;
  checked_at: string;
}

export interface DecisionTable {
  id: Generated<number>;
  arrangement_id: string;
  decision: string;
  subject: string;
  outcome: string;
  reason: string;
  rule: string;
  decided_by: number;
  decided_at: string;
  /** The date the decision takes effect (null for decisions recorded before it was kept). */
  effective_on: string | null;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  /** When an administrator disabled the account (it cannot sign in and holds no session); null while enabled. */
  disabled_at: string | null;
}

export interface UserRoleTable {
  user_id: number;
  role: Role;
  /** The organisation the role is held for (ODS/ONS code); null means England-wide. */
  organisation: string | null;
}

export interface SessionTable {
  /** The id a token is listed and revoked by; it reveals nothing of the token. */
  id: Generated<number>;
  /** SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  kind: 'cookie' | 'bearer';
  /** What a bearer token is for, as its owner named it ("finance system"). */
  label: string | null;
  created_at: string;
  expires_at: string;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  reason: string;
  prev_hash: string;
  hash: string;
}

/** A signed checkpoint of the audit chain (src/store/audit-checkpoints.ts), kept whole as JSON. */
export interface AuditCheckpointTable {
  seq: number;
  checkpoint: JSONColumnType<Record<string, unknown>>;
}

export interface ReferenceImportTable {
  dataset: string;
  digest: string;
  imported_at: string;
  summary: JSONColumnType<Record<string, number>>;
}

/** Patients registered at a practice on a date, as a published source gives it. */
export interface ListSizeTable {
  organisation_id: number;
  as_at: string;
  list_size: number;
  source: string;
}

export interface PlaceGroupingTable {
  id: string;
  /** The ICB code in the weighted populations, e.g. QUA. */
  icb: string;
  name: string;
  /** The financial year whose practices the grouping was checked against, e.g. 2025/26. */
  year: string;
  /** An array rather than an object keyed by name: jsonb would reorder the keys. */
  places: JSONColumnType<GroupedPlace[]>;
  /** The pot shared between the places, or null when none has been entered. */
  pot: JSONColumnType<SavedPot | null, string | null, string | null>;
  version: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** An ICS operating model (board, committees, places, collaboratives, SoRD) for one ICB. */
export interface OperatingModelTable {
  id: string;
  /** ODS code of the ICB the model belongs to, e.g. QUA. */
  icb: string;
  name: string;
  version: number;
  document: JSONColumnType<Record<string, unknown>>;
  /** ODS/ONS codes of the organisations it names, for partners' read access. */
  parties: JSONColumnType<string[]>;
  created_at: string;
  updated_at: string;
}

export interface OperatingModelVersionTable {
  model_id: string;
  version: number;
  document: JSONColumnType<Record<string, unknown>>;
  changed_by: number | null;
  changed_at: string;
  reason: string;
}
