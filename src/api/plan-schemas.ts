import { z } from 'zod';
import { ProviderSupport } from '../law/kinds/functions.ts';
import { Classification, Configuration, PartyKind } from '../law/kinds/pooling.ts';
import { Provenance } from './schemas.ts';

/** Response schemas for what the rulebook says about an arrangement beyond its findings. */

export const Citation = z.object({
  source: z.string(),
  at: z.string(),
  text: z.string(),
  outside_seeds: z.boolean(),
  url: z.string().optional(),
  page: z.number().int().optional().describe('The PDF page the cited place begins on, where known.'),
});
const Severity = z.enum(['error', 'warning', 'information']);
const Counts = z.object({ error: z.number(), warning: z.number(), information: z.number() });

const MatrixCell = z.object({
  role: z.enum(['responsible', 'supports', 'none']),
  recorded: z.boolean().describe('False when the arrangement does not mention this activity for this party.'),
  actions: z.array(
    z.object({ id: z.string(), label: z.string(), standing: z.enum(['may', 'may-not', 'not-on-date']) }),
  ),
  scope: z.enum(['own-services', 'whole-area']).optional(),
  cost_bearer: z.enum(['commissioner', 'provider', 'shared', 'not-agreed']).optional(),
});

/** `responsibilityMatrix` (src/law/responsibility.ts): each commissioning activity against each party. */
export const ResponsibilityMatrix = z.object({
  arrangement: z.string(),
  version: z.number(),
  on: z.string(),
  parties: z.array(
    z.object({ id: z.string(), name: z.string(), side: z.enum(['commissioner', 'provider']) }),
  ),
  rows: z.array(
    z.object({
      activity: z.string(),
      rule: z.string(),
      title: z.string(),
      category: z.string(),
      subcategory: z.string(),
      row: z.number().nullable().describe('The row of Annex A that lists the activity, where it has one.'),
      in_force: z.boolean(),
      provider_may_support: ProviderSupport.nullable(),
      cells: z.record(z.string(), MatrixCell).describe('One cell per party id.'),
      findings: z.array(
        z.object({ rule: z.string(), severity: Severity, message: z.string(), path: z.string() }),
      ),
      citations: z.array(z.string()),
      provenance: Provenance,
    }),
  ),
  counts: Counts,
});

const Cited = z.object({
  rule: z.string(),
  message: z.string(),
  citations: z.array(Citation),
  provenance: Provenance,
});
const CitedService = Cited.extend({ service: z.string() });

/** `planPooling` (src/law/pooling.ts) for the arrangement's services and commissioners. */
export const PoolingPlan = z.object({
  arrangement: z.string(),
  version: z.number(),
  on: z.string(),
  services: z.array(z.string()),
  commissioners: z.array(z.string()),
  configuration: Configuration.nullable(),
  feasible: z.boolean(),
  mechanism: z.string().nullable(),
  mechanisms: z.array(z.string()),
  parties_required: z.array(z.object({ kind: PartyKind, services: z.array(z.string()) })),
  service_plan: z.array(
    z.object({
      service: z.string(),
      title: z.string(),
      function_of: z.enum(['local-nhs', 'nhs-england', 'local-authority']),
      held_by: PartyKind.nullable(),
      classification: z.enum([...Classification.options, 'aligned']),
      rule: z.string(),
    }),
  ),
  funds: z.array(
    z.object({
      kind: z.enum(['pooled', 'aligned']),
      mechanism: z.string(),
      label: z.string(),
      parties: z.array(PartyKind),
      services: z.array(z.string()),
      rule: z.string(),
      citations: z.array(Citation),
      provenance: Provenance,
    }),
  ),
  ring_fenced: z.array(CitedService),
  excluded: z.array(CitedService),
  outside: z.array(CitedService),
  problems: z.array(Cited),
  conditions: z.array(Cited),
  notes: z.array(Cited),
  trace: z.array(z.object({ rule: z.string(), version_from: z.string(), outcome: z.string() })),
});
