import { obligationKey } from '../state.ts';
import type { Reducers } from './reducer.ts';

/** Subcontracts, their approval and direct agreements, and the ICP's work on third-party contracts. */
export const subcontractReducers = {
  'subcontract-proposed': (s, e) => {
    s.subcontracts[e.subcontract] = {
      id: e.subcontract,
      subcontractor: e.subcontractor,
      services: e.services,
      key: e.key,
      ...(e.value !== undefined ? { value_pence: e.value } : {}),
      status: 'proposed',
      proposed_on: e.on,
    };
  },
  'subcontract-approved': (s, e) => {
    const sub = s.subcontracts[e.subcontract];
    if (!sub) return;
    // A key subcontractor must sign a direct agreement whatever the approval says (seed 001, 57).
    const needs = e.direct_agreement_required || sub.key;
    Object.assign(sub, {
      status: needs ? 'awaiting-direct-agreement' : 'live',
      approved_on: e.on,
      approved_by: e.party ?? 'the commissioners',
      direct_agreement_required: needs,
    });
  },
  'subcontract-declined': (s, e) => {
    const sub = s.subcontracts[e.subcontract];
    if (sub) sub.status = 'declined';
  },
  'direct-agreement-signed': (s, e) => {
    const sub = s.subcontracts[e.subcontract];
    if (sub) Object.assign(sub, { status: 'live', direct_agreement_on: e.on });
  },
  'subcontractor-change-required': (s, e) => {
    const sub = e.subcontract ? s.subcontracts[e.subcontract] : undefined;
    if (sub && e.action !== 'appoint') sub.removal_required = e.requirement;
    s.event_obligations.push({
      rule: 'lifecycle.obligation.subcontractor-change',
      key: e.requirement,
      title: `${e.action} ${e.subcontractor ?? e.subcontract ?? 'a subcontractor'}`,
      due: e.due,
      created_on: e.on,
    });
  },
  'subcontract-ended': (s, e) => {
    const sub = s.subcontracts[e.subcontract];
    if (!sub) return;
    Object.assign(sub, { status: 'ended', ended_on: e.on });
    if (sub.removal_required) {
      s.obligations_met[obligationKey('lifecycle.obligation.subcontractor-change', sub.removal_required)] ??=
        e.on;
    }
  },
  'third-party-contract-activity': (s, e) => {
    s.third_party_activities.push({ on: e.on, third_party: e.third_party, activity: e.activity });
  },
} satisfies Partial<Reducers>;
