import { z } from 'zod';
import { Procurement } from '../law/arrangement.ts';
import { IsoDate } from '../law/date.ts';
import { Actor } from '../law/kinds/lifecycle.ts';
import { DecimalText, PoundsText } from './amounts.ts';
import { ContractService, Id, NoticePeriods } from './particulars.ts';

/** Fields every event has: when, who (the kind of party) and optionally which party. */
const base = {
  on: IsoDate,
  by: Actor,
  party: z.string().min(1).optional().describe('Which commissioner, practice or body, by name or id.'),
  note: z.string().optional(),
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });

const Outcome = z.enum(['passed', 'not-passed']);
const Ods = z.string().regex(/^[A-Z]\d{5}$/, 'must be a GP practice ODS code, for example M87001');
const Practice = {
  ods: Ods,
  name: z.string().min(1),
  list_size: z.number().int().min(0).describe('Registered patients on the day it integrates.'),
};

/**
 * Every event a contract's life can record. The rulebook (rulebook/lifecycle/) says when
 * each is allowed; this schema only says what each must carry. Expiry and a notice's end
 * are applied by Concordat itself on their dates, so they are not written in files.
 */
export const ContractEvent = z.discriminatedUnion('type', [
  event('intention-advertised', {}),
  event('isap-before-procurement', { outcome: Outcome }),
  event('procurement-started', { route: Procurement.shape.route }),
  event('procurement-abandoned', { reason: z.string().min(1) }),
  event('preferred-bidder-selected', { bidder: z.string().min(1) }),
  event('isap-preferred-bidder', { outcome: Outcome }),
  event('contract-awarded', { legal_advice_taken: z.boolean() }),
  event('mobilisation-started', {}),
  event('isap-before-service-start', { outcome: Outcome }),
  event('services-commenced', {}),
  event('variation-agreed', {
    description: z.string().min(1),
    add_services: z.array(ContractService).default([]),
    remove_services: z.array(Id).default([]),
    new_end: IsoDate.optional(),
    notice_periods: NoticePeriods.partial().optional(),
  }),
  event('service-suspended', { service: Id, reason: z.string().min(1) }),
  event('service-restored', { service: Id }),
  event('commissioner-termination', {
    scope: z.enum(['contract', 'service']),
    service: Id.optional(),
    ground: z.enum(['default', 'quality', 'financial-viability', 'procurement-law']),
    immediate: z.boolean().default(false),
    breach: Id.optional().describe('For immediate termination: the material or persistent breach relied on.'),
    effective: IsoDate.optional().describe('The first day the contract (or service) no longer runs.'),
  }),
  event('provider-termination', {
    scope: z.enum(['contract', 'service']),
    service: Id.optional(),
    effective: IsoDate.describe('The first day the contract (or service) no longer runs.'),
  }),
  event('exit-completed', {}),
  event('termination-costs-claimed', { costs: PoundsText, recommissioning: PoundsText }),
  event('subcontract-proposed', {
    subcontract: Id,
    subcontractor: z.string().min(1),
    services: z.array(Id).min(1),
    key: z.boolean().describe('A key subcontractor must sign a direct agreement (seed 001, 57).'),
    value: PoundsText.optional(),
  }),
  event('subcontract-approved', { subcontract: Id, direct_agreement_required: z.boolean() }),
  event('subcontract-declined', { subcontract: Id, reason: z.string().min(1) }),
  event('direct-agreement-signed', { subcontract: Id }),
  event('subcontractor-change-required', {
    requirement: Id,
    action: z.enum(['appoint', 'remove', 'replace']),
    subcontract: Id.optional(),
    subcontractor: z.string().optional(),
    due: IsoDate,
    reason: z.string().min(1),
  }),
  event('subcontract-ended', { subcontract: Id }),
  event('third-party-contract-activity', {
    third_party: z.string().min(1),
    activity: z.string().min(1).describe('An action id of functions.activity.third-party-contracts.'),
  }),
  event('practice-integrated-partially', {
    practice: z.strictObject(Practice),
    integration_agreement: z.strictObject({
      goals: z.array(z.string().min(1)),
      information_sharing: z.boolean(),
      joint_decisions: z.boolean(),
      incentive_share_percent: DecimalText.optional(),
    }),
  }),
  event('practice-integrated-fully', {
    practice: z.strictObject({ ...Practice, contract: z.enum(['gms', 'pms']) }),
  }),
  event('practice-reactivated', { ods: Ods }),
  event('practice-left', { ods: Ods }),
  event('obligation-met', { obligation: z.string().min(1), key: z.string().min(1) }),
  event('financial-position-reported', {
    net_worth: PoundsText,
    current_assets: PoundsText,
    current_liabilities: PoundsText,
  }),
  event('distribution-made', { amount: PoundsText }),
  event('collateral-approved', { asset: z.string().min(1) }),
  event('collateral-granted', { asset: z.string().min(1) }),
  event('other-business-started', { description: z.string().min(1) }),
  event('indicator-result', {
    indicator: Id,
    year: z.string().regex(/^\d{4}\/\d{2}$/, 'must be a financial year written 2025/26'),
    value: DecimalText,
  }),
  event('breach-recorded', {
    breach: Id,
    condition: z.string().min(1).describe('The condition breached, for example "SC1.8.3".'),
    description: z.string().min(1),
    material: z.boolean(),
    service: Id.optional(),
  }),
  event('remedial-plan-agreed', {
    plan: Id,
    breach: Id.optional(),
    actions: z.array(z.string().min(1)).min(1),
    due: IsoDate,
  }),
  event('remedial-plan-completed', { plan: Id }),
  event('payment-withheld', { plan: Id, amount: PoundsText }),
  event('candour-incident', { incident: Id, description: z.string().min(1), notify_by: IsoDate.optional() }),
  event('service-change-proposed', {
    change: Id,
    description: z.string().min(1),
    support_by: IsoDate.optional(),
  }),
]);
export type ContractEvent = z.infer<typeof ContractEvent>;
export type ContractEventInput = z.input<typeof ContractEvent>;
export type EventType = ContractEvent['type'];
export type EventOf<T extends EventType> = Extract<ContractEvent, { type: T }>;

/** Event types a file may contain. */
export const eventTypes = ContractEvent.options.map((o) => o.shape.type.value) as EventType[];
