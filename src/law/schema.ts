import { z } from 'zod';
import { IsoDate } from './date.ts';

/** Rule ids are lowercase words joined by dots or dashes: `activity.patient-choice`. */
export const RuleId = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be lowercase words joined by dots or dashes');

/** A place in a source document: which document, and where in it. */
export const Citation = z.strictObject({
  source: RuleId,
  at: z.string().min(1, 'must say where in the document (paragraph, annex, row)'),
});
export type Citation = z.infer<typeof Citation>;

/** A document the rulebook cites (rulebook/sources.yaml). */
export const Source = z.strictObject({
  id: RuleId,
  title: z.string().min(1),
  type: z.enum(['paper', 'act', 'regulations', 'guidance', 'news']),
  publisher: z.string().min(1),
  date: IsoDate,
  reference: z.string().optional(),
  seed: z.string().optional(),
  outside_seeds: z.boolean(),
  url: z.url().optional(),
  /** What the address opens when it is not the document itself, and why no PDF page (#page=N) is given. */
  url_note: z.string().optional(),
  /** The address of the PDF itself, where confirmed: citations with a known page open it there (#page=N). */
  pdf: z.url().optional(),
  /**
   * The PDF page where a cited place begins, by place ("para 60", "Annex A"), read from the
   * seed's printed page numbers; a citation is matched by the first place it names.
   */
  pages: z.record(z.string().regex(/^(para \d+(\.\d+)?|Annex [A-Z])$/), z.number().int().min(1)).optional(),
});
export type Source = z.infer<typeof Source>;

/** Fields every dated version has, whatever the kind of rule. */
export const versionBase = {
  from: IsoDate,
  to: IsoDate.optional(),
  cite: z.array(Citation).min(1, 'every version needs at least one citation'),
};

/** How an entry was compared with its sources (core/provenance.ts): what, on which day, by whom (a role). */
export const Verification = z.strictObject({
  against: z
    .string()
    .min(10, 'must say which source was compared, and where in it')
    .describe('The source text compared with the entry, and the places in it.'),
  on: IsoDate.describe('The day the comparison was made.'),
  by_role: z
    .string()
    .min(3, 'must say the role of whoever compared it, for example "engineer reading the seed"')
    .describe('The role of whoever compared it, and how: a role, not a name.'),
});
export type { Provenance } from '../core/provenance.ts';

/** Fields every rulebook entry has; `versions` is checked per kind by the loader. */
export const EntryEnvelope = z.strictObject({
  id: RuleId,
  title: z.string().min(1),
  kind: z.string(),
  verified: Verification.optional(),
  unverified: z
    .string()
    .min(20, 'must say why the entry has not been verified against its sources')
    .optional()
    .describe('Why the entry has not been compared with its sources, or what the comparison did not cover.'),
  outside_seeds: z.boolean().optional(),
  not_checked: z
    .string()
    .min(20, 'must say why no check can find a breach of this rule')
    .optional()
    .describe(
      'What of this rule no check tests (all of it, or the part named) and why: nothing an arrangement, contract or operating model records can break it.',
    ),
  versions: z.array(z.unknown()).min(1, 'every entry needs at least one dated version'),
});
export type EntryEnvelope = z.infer<typeof EntryEnvelope>;
