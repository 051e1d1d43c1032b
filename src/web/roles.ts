import type { Role, RoleGrant } from './types.ts';

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

/** Commissioners (NHS and local authority) shape arrangements; administrators may correct them. */
const editors: readonly Role[] = ['commissioner', 'local-authority', 'administrator'];

/**
 * May this user change an arrangement with these parties? Mirrors the server's rule (an
 * editor role held England-wide or for a party) so the form says so up front; the server
 * still decides.
 */
export function canEdit(grants: RoleGrant[], parties: readonly string[]): boolean {
  return grants.some(
    (g) => editors.includes(g.role) && (g.organisation === null || parties.includes(g.organisation)),
  );
}

/**
 * May this user accept a party change that awaits these parties? An administrator, or a
 * commissioner (NHS or local authority) of one of them, mirroring the server
 * (src/api/routes/arrangement-parties.handlers.ts); the server still decides.
 */
export function canAcceptPartyChange(grants: RoleGrant[], awaiting: readonly string[]): boolean {
  return grants.some(
    (g) =>
      g.role === 'administrator' ||
      ((g.role === 'commissioner' || g.role === 'local-authority') &&
        g.organisation !== null &&
        awaiting.includes(g.organisation)),
  );
}

/**
 * The contract parties a user's roles may record events as, mirroring the server
 * (src/api/contract-permissions.ts) so the form offers only those; the server still decides.
 */
const contractActors: Record<Role, readonly string[]> = {
  commissioner: ['commissioner'],
  'local-authority': ['commissioner'],
  provider: ['provider', 'practice'],
  assurer: ['nhs-england'],
  viewer: [],
  administrator: [],
};

export function contractActorsFor(grants: RoleGrant[]): string[] {
  return [...new Set(grants.flatMap((g) => contractActors[g.role]))];
}

/** Roles the server lets share an ICB's pot between places (src/api/routes/money.ts). */
const allocators: readonly Role[] = ['commissioner', 'assurer', 'administrator'];

export function canAllocate(grants: RoleGrant[]): boolean {
  return grants.some((g) => allocators.includes(g.role));
}

/**
 * May this user change (or create) an operating model of this ICB? Its commissioner (who
 * stands for its governance lead) or an administrator, mirroring the server
 * (src/api/routes/operating-models.handlers.ts); the server still decides.
 */
export function canEditOperatingModel(grants: RoleGrant[], icb: string): boolean {
  return grants.some(
    (g) =>
      g.role === 'administrator' ||
      (g.role === 'commissioner' && (g.organisation === null || g.organisation === icb)),
  );
}

/** The ICBs whose models this user may create: their commissioner grants' organisations, or all. */
export function operatingModelIcbs(grants: RoleGrant[]): { all: boolean; codes: string[] } {
  return {
    all: grants.some(
      (g) => g.role === 'administrator' || (g.role === 'commissioner' && g.organisation === null),
    ),
    codes: grants.flatMap((g) => (g.role === 'commissioner' && g.organisation ? [g.organisation] : [])),
  };
}
