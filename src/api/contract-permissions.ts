import type { ContractEvent, EventType } from '../contracts/events.ts';
import {
  contractActorsFor,
  decisionEvents,
  describeRoles,
  grantsFor,
  type RoleGrant,
} from '../core/roles.ts';
import { decisionRule } from '../law/decisions.ts';
import type { Decision } from '../law/kinds/decision.ts';
import type { Actor } from '../law/kinds/lifecycle.ts';
import type { Rulebook } from '../law/rulebook.ts';
import type { User } from '../store/users.ts';
import { forbidden, refusedByRule } from './problems.ts';

/** Events that are statutory decisions reserved to commissioners (rulebook/system/decisions.yaml). */
const reserved: Partial<Record<EventType, Decision>> = decisionEvents;

/** The contract parties these roles may act as, typed as the rulebook's (the core names no other). */
const mayActAs = (grants: readonly RoleGrant[]): readonly Actor[] => contractActorsFor(grants);

/**
 * May this user record this event? Their roles must let them act as the event's party
 * (src/core/roles.ts); a statutory decision reserved to commissioners is refused to anyone
 * else naming the rule; and for a stored contract, a role held for an organisation counts only
 * where that organisation is one of the contract's `parties` (England-wide roles always).
 */
export function mayRecord(
  rulebook: Rulebook,
  user: User,
  event: ContractEvent,
  parties?: readonly string[],
): void {
  if (!mayActAs(user.roles).includes(event.by)) {
    throw forbidden(
      `You hold ${describeRoles(user.roles)}, which cannot record an event as the ${event.by}.`,
    );
  }
  const decision = reserved[event.type];
  const rule = decision ? decisionRule(rulebook, decision, event.on) : undefined;
  if (rule && !user.roles.some((r) => rule.reserved_to.includes(r.role))) {
    throw refusedByRule(`${rule.title}: ${rule.summary}`, rule);
  }
  if (parties && !mayActAs(grantsFor(user.roles, parties)).includes(event.by)) {
    throw forbidden(
      `To record an event as the ${event.by} you need a role for an organisation that is party to this contract (${parties.join(', ') || 'none named'}); you hold ${describeRoles(user.roles)}.`,
    );
  }
}
