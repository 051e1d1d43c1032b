import { z } from 'zod';
import { organisationKinds } from '../core/organisations.ts';
import { roles } from '../core/roles.ts';
import { IsoDate } from '../law/date.ts';
import { Verification } from '../law/schema.ts';
import { pageQuery } from './pagination.ts';

export const Organisation = z.object({
  code: z.string(),
  kind: z.enum(organisationKinds),
  name: z.string(),
  opened: z.string().nullable(),
  closed: z.string().nullable(),
});

const Related = z.object({ code: z.string(), kind: z.enum(organisationKinds), name: z.string() });

export const OrganisationDetail = Organisation.extend({
  parents: z.array(Related.extend({ from: z.string(), to: z.string().nullable() })),
  predecessors: z.array(Related.extend({ on: z.string() })),
  successors: z.array(Related.extend({ on: z.string() })),
});

type Node = z.infer<typeof Organisation> & {
  list_size: number | null;
  practices: number;
  practices_with_list_size: number;
  children: Node[];
};
export const TreeNode: z.ZodType<Node> = Organisation.extend({
  list_size: z
    .number()
    .int()
    .nullable()
    .describe(
      "Registered patients: a practice's latest published list size on or before the date; otherwise the sum over its practices that have one (null if none).",
    ),
  practices: z.number().int().describe('GP practices under it (1 for a practice).'),
  practices_with_list_size: z.number().int().describe('How many of those practices have a list size.'),
  get children() {
    return z.array(TreeNode);
  },
  // Recursive, so named: the OpenAPI document holds it once as a component.
}).meta({ id: 'OrganisationTreeNode' });

export const OnQuery = z.strictObject({
  on: IsoDate.optional().describe('The date (YYYY-MM-DD); default today.'),
});

export const RoleGrant = z.strictObject({
  role: z.enum(roles),
  organisation: z.string().nullable().describe('ODS/ONS code of the organisation; null for England-wide.'),
});

export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleGrant),
});

export const attributionNote = z
  .string()
  .describe('Open Government Licence attribution for the NHS reference data.');

/** An ODS code (ONS code for a local authority or place) given to filter a list. */
export const OrganisationCode = z
  .string()
  .regex(/^[A-Za-z0-9]{2,12}$/, 'must be an ODS or ONS code such as QUA or E08000027');

/** A list of versions: a page of them, oldest first. */
export const versionsQuery = z.strictObject(pageQuery(100, 1000));

/**
 * How far a rule was checked against its sources (src/core/provenance.ts): verified with what,
 * on which day and by whom (a role), or unverified with why. `describeProvenance` words it.
 * Unnamed, for the Problem schema, which the OpenAPI document builds on its own (openapi.ts).
 */
export const ProvenanceInline = z.union([
  z.object({ verified: Verification }),
  z.object({
    unverified: z
      .string()
      .describe('Why the rule has not been compared with its sources, or what the comparison did not cover.'),
  }),
]);
/** The same, named: the OpenAPI document holds it once as a component. */
export const Provenance = ProvenanceInline.meta({ id: 'Provenance' });
