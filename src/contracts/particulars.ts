import { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import { formatDate, IsoDate } from '../law/date.ts';
import { addDays, addYears } from '../law/date-arithmetic.ts';
import type { Rulebook } from '../law/rulebook.ts';
import { DecimalText, PoundsText } from './amounts.ts';

/** Ids in a contract file: lowercase words joined by dashes (`community-health`). */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes, for example dudley-ccg');

/**
 * An organisation's ODS code (ONS code for a council). A stored contract's parties are these
 * codes: a role held for one of them reaches the contract (src/api/routes/contracts.ts).
 */
const OrgCode = z
  .string()
  .regex(/^[A-Z0-9]{3,9}$/, 'must be an ODS or ONS code, for example 05C or E08000027')
  .describe('ODS code (ONS code for a council), for example 05C for NHS Dudley CCG.');

/** The ODS/ONS codes of the commissioners and the provider, where the particulars give them. */
export function partiesOf(p: Particulars): string[] {
  const codes = [...p.commissioners.map((c) => c.ods), p.provider.ods].filter((c): c is string => !!c);
  return [...new Set(codes)].sort();
}

/** Services are healthcare, public health or social care: some provisions apply to only some (seed 001, 99). */
export const ServiceKind = z.enum(['healthcare', 'public-health', 'social-care']);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const ContractService = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: ServiceKind,
  commissioner: Id.describe('The commissioner that holds the statutory responsibility for it.'),
  primary_medical: z
    .boolean()
    .default(false)
    .describe(
      'Core GP services for fully integrated practices (seed 001, 73); needed before a practice integrates fully.',
    ),
});
export type ContractService = z.infer<typeof ContractService>;

export const NoticePeriods = z
  .strictObject({
    provider_contract_months: z.number().int().min(1),
    provider_service_months: z.number().int().min(1),
    commissioner_contract_months: z.number().int().min(0),
    commissioner_service_months: z.number().int().min(0),
  })
  .describe('Notice the commissioners set for termination by the ICP, and their own notice (seed 001, 57).');
export type NoticePeriods = z.infer<typeof NoticePeriods>;

export const Indicator = z.strictObject({
  id: Id,
  title: z.string().min(1),
  target: DecimalText,
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  unit: z.string().optional(),
  annual_incentive: PoundsText.describe('Paid in full for a year the target is met.'),
  local: z.boolean().default(true).describe('Added locally by the commissioners (seed 001, 45).'),
});
export type Indicator = z.infer<typeof Indicator>;

/**
 * The locally populated particulars of an ICP Contract: who, what, for whom, how long, and
 * on what local terms. Amounts are pounds text in the file and integer pence in memory.
 */
export const Particulars = z.strictObject({
  id: Id,
  name: z.string().min(1),
  commissioners: z.array(z.strictObject({ id: Id, name: z.string().min(1), ods: OrgCode.optional() })).min(1),
  provider: z.strictObject({
    name: z.string().min(1),
    ods: OrgCode.optional(),
    statutory_body: z
      .boolean()
      .describe('An NHS trust or foundation trust is; a company or federation is not.'),
  }),
  start: IsoDate.describe('Service commencement date: the first day of the first contract year.'),
  end: IsoDate.describe('The last day of the term (the contract expires at its end).'),
  area: z
    .string()
    .min(1)
    .describe('The area served, usually the practice areas or the local authority (seed 001, 34).'),
  unregistered_residents: z
    .number()
    .int()
    .min(0)
    .describe('Residents of the area not registered with a GP practice elsewhere (seed 001, 34).'),
  services: z.array(ContractService).min(1),
  premises: z.array(z.strictObject({ name: z.string().min(1), services: z.array(Id).min(1) })).default([]),
  notice_periods: NoticePeriods,
  exit: z.strictObject({
    plan_months_before_expiry: z.number().int().min(1),
    arrangements: z.array(z.string().min(1)).min(1),
  }),
  indicators: z.array(Indicator).default([]),
  quality_requirements: z
    .array(
      z.strictObject({
        id: Id,
        title: z.string().min(1),
        standard: z.string().min(1),
        services: z.array(Id).default([]),
      }),
    )
    .default([]),
  non_statutory: z
    .strictObject({
      minimum_net_worth: PoundsText,
      minimum_current_ratio: DecimalText,
      guarantee_required: z.boolean(),
    })
    .optional()
    .describe('Extra safeguards for an ICP that is not a statutory body (seed 001, 58).'),
});
export type Particulars = z.infer<typeof Particulars>;

/** Cross-field checks a schema cannot express; each names the field and how to fix it. */
export function checkParticulars(p: Particulars): void {
  if (p.end < p.start) {
    throw new InvalidInput(
      'particulars.end',
      `the term ends (${formatDate(p.end)}) before it starts (${formatDate(p.start)})`,
    );
  }
  const commissioners = new Set(p.commissioners.map((c) => c.id));
  const services = new Set<string>();
  p.services.forEach((s, i) => {
    if (services.has(s.id))
      throw new InvalidInput(`particulars.services[${i}].id`, `'${s.id}' is listed twice`);
    services.add(s.id);
    if (!commissioners.has(s.commissioner)) {
      throw new InvalidInput(
        `particulars.services[${i}].commissioner`,
        `'${s.commissioner}' is not one of the commissioners`,
        `Use one of ${[...commissioners].join(', ')}.`,
      );
    }
  });
  const known = (field: string, ids: string[]) =>
    ids.forEach((id, j) => {
      if (!services.has(id)) {
        throw new InvalidInput(
          `${field}[${j}]`,
          `'${id}' is not a service in scope`,
          `Use one of ${[...services].join(', ')}.`,
        );
      }
    });
  p.premises.forEach((pr, i) => known(`particulars.premises[${i}].services`, pr.services));
  p.quality_requirements.forEach((q, i) =>
    known(`particulars.quality_requirements[${i}].services`, q.services),
  );
  if (!p.provider.statutory_body && !p.non_statutory) {
    throw new InvalidInput(
      'particulars.non_statutory',
      'is required when the provider is not a statutory body',
      'Give minimum_net_worth, minimum_current_ratio and guarantee_required (seed 001, 58).',
    );
  }
}

/** True when the term runs past `years` years from its start. */
export function termLongerThan(start: IsoDate, end: IsoDate, years: number): boolean {
  return end > addDays(addYears(start, years), -1);
}

/** The provisions (rulebook/lifecycle/provisions.yaml) that apply to a service on a date. */
export function provisionsFor(
  rulebook: Rulebook,
  service: ContractService,
  on: IsoDate,
  fullGpIntegration: boolean,
): { id: string; title: string }[] {
  const primaryMedical = service.primary_medical && fullGpIntegration;
  return rulebook
    .inForce('contract-provision', on)
    .filter(({ version }) => version.applies_to.includes(service.kind))
    .filter(({ version }) => !version.only_with_full_gp_integration || primaryMedical)
    .map(({ entry }) => ({ id: entry.id, title: entry.title }));
}
