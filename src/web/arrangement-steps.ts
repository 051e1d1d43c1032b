/**
 * The question pages of creating or changing an arrangement, one part of it each, in the
 * order a commissioner would agree them, and where each finding and problem belongs: a
 * finding about `funds[0].host` is shown on the funds page, at fund 1's host.
 */
import { serverFieldId } from './arrangement-form.ts';
import type { Finding } from './types.ts';

export interface Step {
  slug: string;
  /** The page's question, its h1. */
  question: string;
  /** How the summary and the contents name it. */
  name: string;
  /** The document's top-level fields the page asks about. */
  parts: readonly string[];
}

export const steps: readonly Step[] = [
  {
    slug: 'name',
    question: 'What is the arrangement called?',
    name: 'Name and place',
    parts: ['name', 'place', 'description'],
  },
  { slug: 'commissioners', question: 'Who commissions it?', name: 'Commissioners', parts: ['commissioners'] },
  { slug: 'providers', question: 'Who provides the services?', name: 'Providers', parts: ['providers'] },
  { slug: 'services', question: 'Which services does it cover?', name: 'Services', parts: ['services'] },
  { slug: 'funds', question: 'How is the money brought together?', name: 'Funds', parts: ['funds'] },
  {
    slug: 'funding',
    question: 'How much money goes in, and from whom?',
    name: 'Funding streams',
    parts: ['funding_streams'],
  },
  {
    slug: 'practices',
    question: 'Which GP practices take part?',
    name: 'GP practices',
    parts: ['gp_practices'],
  },
  {
    slug: 'subcontracts',
    question: 'Which services are subcontracted?',
    name: 'Subcontracts',
    parts: ['subcontracts'],
  },
  {
    slug: 'activities',
    question: 'What does the provider do in each commissioning activity?',
    name: 'Commissioning activities',
    parts: ['activities'],
  },
  { slug: 'term', question: 'When does it start and end?', name: 'Term', parts: ['term'] },
];

/** The last page: every answer, every finding, and saving with a reason. */
export const checkStep = 'check';

/** The page a field or a finding's path belongs on (`funds-0-host` → funds), if any asks about it. */
export function stepOf(fieldOrPath: string): Step | undefined {
  const root = serverFieldId(fieldOrPath).split('-')[0] ?? '';
  return steps.find((s) => s.parts.includes(root));
}

export function nextStep(slug: string): string {
  const i = steps.findIndex((s) => s.slug === slug);
  return steps[i + 1]?.slug ?? checkStep;
}

export function previousStep(slug: string): string | undefined {
  if (slug === checkStep) return steps.at(-1)?.slug;
  const i = steps.findIndex((s) => s.slug === slug);
  return i > 0 ? steps[i - 1]?.slug : undefined;
}

/** A finding's place as an input id: `funds[0].services[2]` → `funds-0-services-2`. */
export const findingField = (f: Finding) => serverFieldId(f.path);

/** The findings about a part of the document or anything inside it: `findingsAt(all, 'funds', 0)`. */
export function findingsAt(findings: readonly Finding[], ...path: (string | number)[]): Finding[] {
  const at = path.join('-');
  return findings.filter((f) => {
    const field = findingField(f);
    return field === at || field.startsWith(`${at}-`);
  });
}

/**
 * The findings about one item that none of its shown fields takes: `fields` are the fields the
 * page shows beside their own findings, the rest are shown for the item as a whole.
 */
export function findingsOfItem(
  findings: readonly Finding[],
  fields: readonly string[],
  ...path: (string | number)[]
): Finding[] {
  const taken = new Set(fields.flatMap((f) => findingsAt(findings, ...path, f)));
  return findingsAt(findings, ...path).filter((f) => !taken.has(f));
}
