import { z } from 'zod';
import { providerKinds } from '../core/provider-kinds.ts';
import { IsoDate } from './date.ts';

/**
 * An integrated-care arrangement as a commissioner describes it: who commissions, who
 * provides, which services, how the money is brought together, who carries out each
 * commissioning activity, subcontracts and GP practices. One schema gives the TypeScript
 * type, the runtime check of arrangement files and the published JSON Schema
 * (docs/arrangement.schema.json).
 *
 * Service, activity and action ids are checked against the rulebook on the date asked,
 * so an unknown one is reported with the valid list for that date.
 */

const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes, for example dudley-ccg')
  .describe('An id used to refer to this party elsewhere in the file.');

const Pounds = z
  .string()
  .refine((text) => !/\.\d{3,}$/.test(text.trim()), {
    message:
      'has more than two decimal places: amounts are in pounds and pence, for example "£12,345,678.00"',
    abort: true,
  })
  .regex(/^-?£?\d{1,3}(,?\d{3})*(\.\d{1,2})?$/, 'must be an amount in pounds, for example "£12,345,678.00"')
  .describe('An amount in pounds and pence, written as text so it stays exact.');

export const CommissionerKind = z
  .enum(['ccg', 'icb', 'nhs-england', 'local-authority', 'combined-authority'])
  .describe('CCGs existed until 30 June 2022; ICBs from 1 July 2022.');

export const ProviderKind = z.enum(providerKinds);

export const Commissioner = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: CommissionerKind,
  ods: z.string().optional().describe('ODS code, for example 05C for NHS Dudley CCG.'),
  delegated_primary_medical: z
    .boolean()
    .optional()
    .describe('A CCG holding delegated responsibility for primary medical services from NHS England.'),
});

export const Provider = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: ProviderKind,
  ods: z.string().optional(),
  lead: z.boolean().optional().describe('The Integrated Care Provider holding the contract.'),
  statutory_body: z
    .boolean()
    .optional()
    .describe('NHS trusts, foundation trusts and local authorities are statutory bodies; others are not.'),
  sector: z
    .enum([
      'acute',
      'mental-health',
      'community',
      'primary-care',
      'ambulance',
      'specialist',
      'social-care',
      'voluntary',
    ])
    .optional()
    .describe(
      'The main kind of care it provides (the 2020 ICS framework expects acute and mental health providers to join a provider collaborative).',
    ),
  provider_collaborative: z
    .string()
    .min(1)
    .optional()
    .describe('The provider collaborative it belongs to, if any.'),
  non_statutory_safeguards: z
    .array(
      z.enum([
        'minimum-net-worth',
        'single-purpose-entity',
        'asset-security',
        'distribution-conditions',
        'parent-guarantee',
      ]),
    )
    .optional()
    .describe(
      'For a non-statutory ICP: the extra ICP Contract provisions agreed (General Conditions 18-20 and 23).',
    ),
});

export const ServiceInScope = z.strictObject({
  service: z.string().min(1).describe('A service id from the rulebook (`concordat rules --topic pooling`).'),
  commissioner: Id.describe('The commissioner whose function this service is.'),
  provider: Id.optional().describe('Who provides it; omit when it stays outside the arrangement.'),
});

export const Fund = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: z.enum(['pooled', 'aligned', 'parallel']),
  mechanism: z
    .enum(['s75', 's14z3a', 's65z5', 's65z6', 'delegation-agreement', 'none'])
    .describe('The statutory mechanism: NHS Act 2006 s75, s14Z3A, s65Z5 or s65Z6.'),
  host: Id.optional().describe('The commissioner that hosts a pooled fund.'),
  parties: z.array(Id).min(1),
  services: z.array(z.string().min(1)).min(1),
  delegation_agreement_amended: z
    .boolean()
    .optional()
    .describe('NHS England has amended the Delegation Agreement so primary medical money may be pooled.'),
});

export const FundingSource = z
  .enum([
    'icb-core',
    'delegated-primary-medical',
    'la-social-care',
    'public-health-grant',
    's7a',
    'specialised',
    'nhs-england-direct',
  ])
  .describe('Where the money comes from; nhs-england-direct is dental, pharmacy and ophthalmic money.');
export type FundingSource = z.infer<typeof FundingSource>;

export const FundingStream = z.strictObject({
  id: Id,
  service: z.string().min(1),
  commissioner: Id,
  source: FundingSource,
  annual_value: Pounds,
  description: z.string().optional(),
});
export type FundingStream = z.infer<typeof FundingStream>;
export type Fund = z.infer<typeof Fund>;
export type CommissionerKind = z.infer<typeof CommissionerKind>;

export const ActivityAssignment = z.strictObject({
  activity: z.string().min(1).describe('An activity id from Annex A (`concordat rules --topic functions`).'),
  provider_role: z
    .enum(['none', 'supports', 'responsible'])
    .describe('What the provider does: nothing, supports the commissioner, or holds responsibility.'),
  provider: Id.optional().describe('Which provider, when there is more than one.'),
  actions: z.array(z.string().min(1)).optional().describe('The named actions the provider carries out.'),
  scope: z
    .enum(['own-services', 'whole-area'])
    .optional()
    .describe("Whether the provider's part covers only its own services or the whole area."),
  cost_bearer: z
    .enum(['commissioner', 'provider', 'shared', 'not-agreed'])
    .optional()
    .describe('For Individual Funding Requests: who bears the cost of an approved request.'),
  delegated_under: z
    .enum(['s65z5'])
    .optional()
    .describe(
      'A formal delegation of the function to an NHS trust or foundation trust (NHS Act 2006 s65Z5, from 1 July 2022).',
    ),
  note: z.string().optional(),
});

export const Subcontract = z.strictObject({
  id: Id,
  subcontractor: z.string().min(1),
  services: z.array(z.string().min(1)).min(1),
  value: Pounds.optional(),
  approved_by: Id.optional().describe('The commissioner that approved it; a provider cannot.'),
  direct_agreement: z.boolean().optional(),
  direct_agreement_required: z.boolean().optional(),
  key: z
    .boolean()
    .optional()
    .describe('A key subcontractor: the commissioners require it to sign a Direct Agreement.'),
});

export const GpPractice = z.strictObject({
  ods: z.string().regex(/^[A-Z]\d{5}$/, 'must be a GP practice ODS code, for example M87001'),
  name: z.string().optional(),
  contract: z.enum(['gms', 'pms', 'apms']),
  mode: z
    .enum(['full', 'partial', 'none'])
    .describe('full: GMS/PMS suspended, services in the ICP Contract; partial: Integration Agreement.'),
  integration_agreement: z.boolean().optional(),
  list_size: z.number().int().nonnegative().optional(),
});

export const Term = z.strictObject({
  start: IsoDate,
  end: IsoDate,
  exit_arrangements: z
    .boolean()
    .optional()
    .describe(
      'Whether detailed exit arrangements (transition and financial consequences) are agreed in the contract.',
    ),
});

export const Procurement = z.strictObject({
  route: z
    .enum([
      'competitive',
      'single-bidder-after-advert',
      'direct-award-without-advert',
      'direct-award-a',
      'direct-award-b',
      'direct-award-c',
      'most-suitable-provider',
    ])
    .describe(
      'How the contract was or will be awarded. Direct awards A-C and most suitable provider exist only under the Provider Selection Regime (from 1 January 2024).',
    ),
  awarded_on: IsoDate.optional().describe(
    'The award date, which fixes the procurement rules that apply; defaults to the date checked.',
  ),
});

export const PlacePartnershipMember = z.enum([
  'primary-care-provider-leadership',
  'local-authority',
  'director-of-public-health',
  'community-health-provider',
  'mental-health-provider',
  'healthwatch',
  'acute-provider',
  'ambulance-trust',
  'voluntary-sector',
  'icb',
  'ccg',
]);

export const PlacePartnership = z.strictObject({
  members: z.array(PlacePartnershipMember).min(1),
  joint_decisions_with_local_government: z.boolean().optional(),
  ics_board_representation: z.boolean().optional(),
});

const Percent = z
  .string()
  .regex(/^\d+(\.\d+)?%$/, 'must be a percentage, for example "2.5%"')
  .describe('A percentage written as text so it stays exact.');

const Year = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, 'must be a financial year, for example 2026/27')
  .describe('A financial year, 1 April to 31 March, written 2026/27.');

const Indicator = z.strictObject({
  id: Id,
  name: z.string().optional(),
  weight: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe('Share of the money relative to the other indicators.'),
  achievement: Percent.describe(
    'How far the indicator was met; partial achievement earns part of its share.',
  ),
});

/**
 * How the ICP is paid beyond the integrated budget itself (seed 001 paragraphs 39–46): the
 * incentives, the lines paid on activity, the dated uplifts and adjustments, and risk share.
 * See docs/money.md for every rule the figures follow.
 */
export const Payment = z.strictObject({
  cquin: z
    .strictObject({
      rate: Percent.optional().describe("A locally agreed CQUIN rate; otherwise the rulebook's dated rate."),
      indicators: z.array(Indicator).default([]),
    })
    .optional()
    .describe('Include the national CQUIN scheme: its percentage of eligible value is at risk.'),
  local_indicators: z
    .array(Indicator.extend({ at_risk: Percent.describe('Money at risk as a share of the in-scope value.') }))
    .default([])
    .describe(
      'Locally added indicators; money at risk beyond the national schemes needs national assurance.',
    ),
  qof: z
    .strictObject({
      year: Year,
      practices: z.array(
        z.strictObject({
          ods: z.string().regex(/^[A-Z]\d{5}$/),
          indicators: z.array(
            z.strictObject({
              id: z.string().min(1),
              points_available: z.number().int().positive(),
              lower: Percent,
              upper: Percent,
              numerator: z.number().int().nonnegative(),
              denominator: z.number().int().positive(),
              exceptions: z.number().int().nonnegative().default(0),
              prevalence_factor: z
                .string()
                .regex(/^\d+(\.\d+)?$/)
                .default('1'),
            }),
          ),
        }),
      ),
    })
    .optional()
    .describe('QOF achievement of fully integrated practices, paid to the ICP on achievement.'),
  activity_paid: z
    .array(
      z.strictObject({
        id: Id,
        service: z.string().min(1),
        annual_value: Pounds,
        description: z.string().optional(),
      }),
    )
    .default([])
    .describe('Lines paid on activity (e.g. vaccinations and immunisations), taken out of the WPAP.'),
  uplifts: z
    .array(z.strictObject({ from: IsoDate, to: IsoDate.optional(), rate: Percent }))
    .default([])
    .describe('Dated annual uplifts; each applies from 1 April of a year after the first.'),
  population_index: z
    .array(z.strictObject({ year: Year, index: z.string().regex(/^\d+(\.\d+)?$/) }))
    .default([])
    .describe('Weighted-population index against the year before (population size and profile).'),
  scope_changes: z
    .array(z.strictObject({ from: IsoDate, annual_value: Pounds, description: z.string().min(1) }))
    .default([])
    .describe('Agreed changes of scope from any date, at their full-year value (negative to remove).'),
  affordability: z
    .array(z.strictObject({ year: Year, cap: Pounds }))
    .default([])
    .describe("The most the commissioners' allocations can afford for the in-scope value in a year."),
  risk_share: z
    .strictObject({
      corridors: z
        .array(z.strictObject({ up_to: Percent.optional(), provider_share: Percent }))
        .min(1)
        .optional()
        .describe(
          "The agreed corridors; omit to use the rulebook's default (money.risk-share.default-corridors).",
        ),
      cap: Pounds.optional(),
      outturn: z.array(z.strictObject({ year: Year, variance: Pounds })).default([]),
    })
    .optional()
    .describe('Gain/loss share: variance is spend minus WPAP (a loss positive).'),
  national_assurance: z
    .boolean()
    .optional()
    .describe('Whether money at risk on local indicators passed national assurance before award.'),
  gp_flow_through: z
    .strictObject({ share: Percent })
    .optional()
    .describe(
      'Share of incentive money earned passed to practices with Integration Agreements, by list size.',
    ),
});

export const Arrangement = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    place: z.string().optional().describe('The place or system the arrangement serves.'),
    commissioners: z.array(Commissioner).min(1),
    providers: z.array(Provider).min(1),
    services: z.array(ServiceInScope).min(1),
    funds: z.array(Fund).default([]),
    funding_streams: z.array(FundingStream).default([]),
    activities: z.array(ActivityAssignment).default([]),
    subcontracts: z.array(Subcontract).default([]),
    gp_practices: z.array(GpPractice).default([]),
    term: Term.optional(),
    procurement: Procurement.optional(),
    place_partnership: PlacePartnership.optional().describe(
      'The place partnership the arrangement sits in (2020 ICS framework, 2.31).',
    ),
    payment: Payment.optional(),
  })
  .describe('An integrated health and care commissioning arrangement (Concordat).');
export type Arrangement = z.infer<typeof Arrangement>;
export type ArrangementInput = z.input<typeof Arrangement>;
