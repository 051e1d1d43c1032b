import { fileURLToPath } from 'node:url';
import type { Arrangement } from './arrangement.ts';
import { readArrangementFile } from './arrangement-file.ts';

/**
 * Care models a commissioner can start a new arrangement from: the worked examples in
 * examples/ that follow a model the papers describe, read with the same strict loader as any
 * arrangement file, so a template is always a valid arrangement. Their organisations and
 * amounts are illustrative (the files say so); the web app asks for real ones.
 *
 * The unlawful examples are not offered (they exist to show findings), nor the Dudley ones,
 * which are the demo's own arrangement.
 */
export interface ArrangementTemplate {
  /** The example file's name without `.yaml`. */
  id: string;
  title: string;
  summary: string;
  /** The paper and place in it that describes the model, in words. */
  source: string;
  document: Arrangement;
}

const models: Omit<ArrangementTemplate, 'document'>[] = [
  {
    id: 'single-ccg-primary-and-community-2017',
    title: 'One commissioner, primary medical and community services (2017)',
    summary:
      'A single NHS commissioner holding delegated primary medical services commissions GP and community health services from one provider. Primary medical money stays under the Delegation Agreement; community money is aligned.',
    source: 'ACOs and the NHS commissioning system (NHS England, 2017), Annex B, care model A',
  },
  {
    id: 'icp-commissioning-activities-2018',
    title: 'An Integrated Care Provider supporting the commissioner (2018)',
    summary:
      'One NHS commissioner keeps every statutory function and records what its Integrated Care Provider does to support each commissioning activity; acute care stays with another provider.',
    source: 'CCG roles where ICPs are established (NHS England, 2018 update), Annex A',
  },
  {
    id: 'health-and-social-care-with-public-health',
    title: 'Health and social care pooled under section 75, with public health',
    summary:
      "An NHS commissioner and a council pool community health, mental health, adult social care and the council's public health services in a section 75 fund hosted by the council; NHS England's screening and immunisation money stays outside the pool.",
    source:
      'ACOs and the NHS commissioning system (NHS England, 2017), Annex B, rows B (social care in a section 75 arrangement) and E (s7A public health ring-fenced)',
  },
];

const exampleFile = (id: string) => fileURLToPath(new URL(`../../examples/${id}.yaml`, import.meta.url));

/** Every template, its document read from examples/ (a broken file fails loudly, as any arrangement file does). */
export function arrangementTemplates(): ArrangementTemplate[] {
  return models.map((m) => ({ ...m, document: readArrangementFile(exampleFile(m.id)) }));
}
