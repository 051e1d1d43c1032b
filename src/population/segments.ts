import { perPublishedHead, publishedRate } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import { num } from './profile.ts';
import { aggregateSql } from './sql.ts';
import { defaultSuppression, type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

/**
 * Segments in the spirit of Bridges to Health (Lynn et al., Milbank Quarterly 2007), which
 * NHS systems use for population health management (seed 002, para 2.18). Each person is in
 * exactly one segment: the first rule in this order that they meet (sql.ts, segmentSql).
 * Maternity is not in the data model, so the maternal and infant segment holds infants only.
 */
export const segments = [
  { id: 1, name: 'Short period of decline before dying', rule: 'on the palliative care register' },
  { id: 2, name: 'Frailty and dementia', rule: 'dementia, or aged 80+ with 3 or more long-term conditions' },
  {
    id: 3,
    name: 'Limited reserve with exacerbations',
    rule: 'heart failure, COPD or CKD and an emergency admission in the last 12 months',
  },
  {
    id: 4,
    name: 'Learning disability and serious mental illness',
    rule: 'on the learning disability or serious mental illness register',
  },
  { id: 5, name: 'Complex multimorbidity', rule: '4 or more long-term conditions' },
  { id: 6, name: 'Stable long-term condition', rule: '1 to 3 long-term conditions' },
  { id: 7, name: 'Maternal and infant health', rule: 'aged under 1' },
  { id: 8, name: 'Acute episode', rule: 'an emergency admission or A&E attendance in the last 12 months' },
  { id: 9, name: 'Healthy', rule: 'none of the above' },
] as const;

export interface Segment {
  id: number;
  name: string;
  rule: string;
  persons: SafeCount;
  percent: number | null;
  emergencyAdmissionsPer1000: number | null;
  aePer1000: number | null;
  costPerHeadPence: number | null;
  averageConditions: number | null;
}

export async function segmentation(engine: Engine, policy = defaultSuppression): Promise<Segment[]> {
  return segmentsFromRows(await engine.query(aggregateSql.segments(engine)), policy);
}

/** Segments from the rows of `aggregateSql.segments`. */
export function segmentsFromRows(segmentRows: readonly Row[], policy: SuppressionPolicy): Segment[] {
  const rows = new Map(segmentRows.map((r) => [num(r[0]), r.map(num)]));
  const total = [...rows.values()].reduce((s, r) => s + (r[1] ?? 0), 0);
  return segments.map((s) => {
    const [, persons = 0, em = 0, ae = 0, cost = 0, ltc = 0] = rows.get(s.id) ?? [];
    return {
      ...s,
      persons: suppress(persons, policy),
      percent: publishedRate(persons, total, 100, policy),
      emergencyAdmissionsPer1000: publishedRate(em, persons, 1000, policy),
      aePer1000: publishedRate(ae, persons, 1000, policy),
      costPerHeadPence: perPublishedHead(cost, persons, policy),
      averageConditions: publishedRate(ltc, persons, 1, policy),
    };
  });
}
