import type { ContractEvent, EventType } from '../contracts/events.ts';
import { decisionRule } from '../law/decisions.ts';
import type { Decision } from '../law/kinds/decision.ts';
import type { Actor } from '../law/kinds/lifecycle.ts';
import type { Rulebook } from '../law/rulebook.ts';
import type { Role } from '../store/schema.ts';
import type { User } from '../store/users.ts';
import { describeRoles, rolesFor } from './auth.ts';
import { forbidden, refusedByRule } from './problems.ts';

/** Who may enter a contract (for a party to it, or England-wide): commissioners, NHS and local authority, and administrators. */
export const contractCreators = ['commissioner', 'local-authority', 'administrator'] as const;

/** The contract parties each role may act as when recording an event. Viewers and administrators record none. */
export const actorsFor: Record<Role, readonly Actor[]> = {
  commissioner: ['commissioner'],
  'local-authority': ['commissioner'],
  provider: ['provider', 'practice'],
  assurer: ['nhs-england'],
  viewer: [],
  administrator: [],
};

/** Events that are statutory decisions reserved to commissioners (rulebook/system/decisions.yaml). */
const reserved: Partial<Record<EventType, Decision>> = {
  'subcontract-approved': 'approve-subcontract',
  'subcontract-declined': 'approve-subcontract',
  'commissioner-termination': 'terminate-contract',
};

/**
 * May this user record this event? Their roles must let them act as the event's party
 * (`actorsFor`); a statutory decision reserved to commissioners is refused to anyone else
 * naming the rule; and for a stored contract, a role held for an organisation counts only
 * where that organisation is one of the contract's `parties` (England-wide roles always).
 */
export function mayRecord(
  rulebook: Rulebook,
  user: User,
  event: ContractEvent,
  parties?: readonly string[],
): void {
  const may = new Set(user.roles.flatMap((r) => actorsFor[r.role]));
  if (!may.has(event.by)) {
    throw forbidden(`You hold ${describeRoles(user)}, which cannot record an event as the ${event.by}.`);
  }
  const decision = reserved[event.type];
  const rule = decision ? decisionRule(rulebook, decision, event.on) : undefined;
  if (rule && !user.roles.some((r) => rule.reserved_to.includes(r.role))) {
    throw refusedByRule(`${rule.title}: ${rule.summary}`, rule.rule, rule.citations);
  }
  if (parties && ![...rolesFor(user, parties)].some((r) => actorsFor[r].includes(event.by))) {
    throw forbidden(
      `To record an event as the ${event.by} you need a role for an organisation that is party to this contract (${parties.join(', ') || 'none named'}); you hold ${describeRoles(user)}.`,
    );
  }
}
