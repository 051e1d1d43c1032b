/**
 * Roles and who may do what with them, for the server (which decides) and the web app (which
 * offers only what the server will allow). A role is held for an organisation (ODS or ONS
 * code) or England-wide.
 */
export const roles = [
  'commissioner',
  'provider',
  'local-authority',
  'assurer',
  'viewer',
  'administrator',
] as const;
export type Role = (typeof roles)[number];

export interface RoleGrant {
  role: Role;
  /** The organisation the role is held for (ODS/ONS code); null means England-wide. */
  organisation: string | null;
}

/** Commissioners (NHS and local authority) shape arrangements and enter contracts; administrators may correct them. */
export const editors = [
  'commissioner',
  'local-authority',
  'administrator',
] as const satisfies readonly Role[];

/**
 * The ICB's own commissioners shape its operating model and its places (Concordat has no
 * separate governance role); administrators may correct them.
 */
export const icbEditors = ['commissioner', 'administrator'] as const satisfies readonly Role[];

/** Who decides an arrangement's parties: commissioners, NHS and local authority (never providers). */
export const partyDeciders = ['commissioner', 'local-authority'] as const satisfies readonly Role[];

/**
 * Commissioner decisions (approving a subcontract, an individual funding request, ending the
 * contract, outcome measures) are reserved to commissioners, NHS or local authority, for the
 * arrangements they are party to; the rule in force for each decision
 * (rulebook/system/decisions.yaml) may narrow that to the NHS commissioner alone.
 */
export const decisionTakers = ['commissioner', 'local-authority'] as const satisfies readonly Role[];

/**
 * Contract events that record a commissioner's statutory decision, by the decision they record:
 * the rule in force for each (rulebook/system/decisions.yaml) says who may take it.
 */
export const decisionEvents = {
  'subcontract-approved': 'approve-subcontract',
  'subcontract-declined': 'approve-subcontract',
  'commissioner-termination': 'terminate-contract',
} as const;

/**
 * Of a contract's event types, those to offer a user: a statutory decision only to those who
 * take decisions for one of its parties (the server still applies the rule in force).
 */
export function eventTypesOfferedTo(
  grants: readonly RoleGrant[],
  parties: readonly string[],
  types: readonly string[],
): string[] {
  const decides = holdsOneOf(grants, decisionTakers, parties);
  return types.filter((t) => decides || !Object.hasOwn(decisionEvents, t));
}

/** Sharing an ICB's pot between places is for those who commission or assure it, and administrators. */
export const allocators = ['commissioner', 'assurer', 'administrator'] as const satisfies readonly Role[];

/**
 * An ICB's population health figures are suppressed aggregates, but a needs assessment of a
 * named population is for those who commission or assure its care, not every viewer.
 */
export const populationReaders = ['commissioner', 'assurer'] as const satisfies readonly Role[];

/** Who may read and verify the audit log. */
export const auditReaders = ['assurer', 'administrator'] as const satisfies readonly Role[];

/** The contract parties each role may record events as. Viewers and administrators record none. */
export const contractActorsOf = {
  commissioner: ['commissioner'],
  'local-authority': ['commissioner'],
  provider: ['provider', 'practice'],
  assurer: ['nhs-england'],
  viewer: [],
  administrator: [],
} as const satisfies Record<Role, readonly string[]>;
export type ContractActor = (typeof contractActorsOf)[Role][number];

/**
 * The roles that count for something whose parties are `parties`: a role held England-wide
 * always counts; an organisation's role only where that organisation is a party.
 */
export function grantsFor(grants: readonly RoleGrant[], parties: readonly string[]): RoleGrant[] {
  return grants.filter((g) => g.organisation === null || parties.includes(g.organisation));
}

export function rolesFor(grants: readonly RoleGrant[], parties: readonly string[]): Set<Role> {
  return new Set(grantsFor(grants, parties).map((g) => g.role));
}

/** Holds one of `allowed`: for these parties when they are given, else for anything. */
export function holdsOneOf(
  grants: readonly RoleGrant[],
  allowed: readonly Role[],
  parties?: readonly string[],
): boolean {
  const held = parties ? rolesFor(grants, parties) : new Set(grants.map((g) => g.role));
  return allowed.some((r) => held.has(r));
}

export function isAdministrator(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'administrator');
}

/**
 * Of `parties`, those the user decides for: the ones they hold a deciding role for. A role
 * held England-wide decides for none (a party is decided for on behalf of an organisation).
 */
export function partiesDecidedBy(grants: readonly RoleGrant[], parties: readonly string[]): string[] {
  return grants
    .filter(
      (g) =>
        (partyDeciders as readonly Role[]).includes(g.role) &&
        g.organisation !== null &&
        parties.includes(g.organisation),
    )
    .map((g) => g.organisation as string);
}

/** May decide a change to these parties: an administrator, or a deciding role held for one of them. */
export function mayDecideParties(grants: readonly RoleGrant[], parties: readonly string[]): boolean {
  return isAdministrator(grants) || partiesDecidedBy(grants, parties).length > 0;
}

/** The contract parties a user's roles let them record events as. */
export function contractActorsFor(grants: readonly RoleGrant[]): ContractActor[] {
  return [...new Set(grants.flatMap((g) => contractActorsOf[g.role]))];
}

/** The roles held, as a refusal names them: "commissioner (QUA), assurer (England-wide)". */
export function describeRoles(grants: readonly RoleGrant[]): string {
  if (!grants.length) return 'no role';
  return grants.map((g) => `${g.role} (${g.organisation || 'England-wide'})`).join(', ');
}
