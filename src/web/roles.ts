import { grantsFor, holdsOneOf, icbEditors, type Role, type RoleGrant } from '../core/roles.ts';

/**
 * Roles in the web app's words. Who may do what is the core's (src/core/roles.ts), which the
 * server decides by: the pages ask it to offer only what the server will allow.
 */
const roleNames: Record<Role, string> = {
  commissioner: 'Commissioner',
  provider: 'Provider',
  'local-authority': 'Local authority',
  assurer: 'Assurer',
  viewer: 'Viewer',
  administrator: 'Administrator',
};

/** What each role is for, in a sentence a new user can act on. */
const roleWork: Record<Role, string> = {
  commissioner: 'You can edit arrangements your organisation commissions and take commissioner decisions.',
  provider:
    'You can see and propose changes to arrangements you provide under; commissioner decisions stay with the commissioners.',
  'local-authority': 'You can work on arrangements that pool your council’s health and care functions.',
  assurer: 'You can read every arrangement and its findings, to assure them.',
  viewer: 'You can read arrangements and the system, but not change them.',
  administrator: 'You can manage accounts and everything else.',
};

export function roleName(role: Role): string {
  return roleNames[role];
}

export function roleDescription(role: Role): string {
  return roleWork[role];
}

/**
 * May this user change (or create) an operating model of this ICB? Its commissioner (who
 * stands for its governance lead), an England-wide commissioner or an administrator, as the
 * server decides (src/api/routes/operating-models.handlers.ts).
 */
export function canEditOperatingModel(grants: readonly RoleGrant[], icb: string): boolean {
  return holdsOneOf(grants, icbEditors, [icb]);
}

/** The ICBs whose models this user may create: their commissioner grants' organisations, or all. */
export function operatingModelIcbs(grants: readonly RoleGrant[]): { all: boolean; codes: string[] } {
  const everywhere = grantsFor(grants, []);
  return {
    all: everywhere.some((g) => (icbEditors as readonly Role[]).includes(g.role)),
    codes: grants.flatMap((g) => (g.role === 'commissioner' && g.organisation ? [g.organisation] : [])),
  };
}
