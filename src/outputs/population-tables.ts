/** A population health report as tables; every count of people is suppressed on the way out. */
import type { PopulationReport } from '../population/pipeline.ts';
import type { Column, Table, TableSet } from './table.ts';

const people = (key: string, heading = 'People'): Column => ({ key, heading, kind: 'patients' });
const decimal = (key: string, heading: string): Column => ({ key, heading, kind: 'decimal' });
const n = (v: number | null) => (v === null ? null : String(v));
const pence = (v: number | null) => (v === null ? null : Math.round(v));

export function populationTables(r: PopulationReport): TableSet {
  const served: Table = {
    id: 'practices',
    title: 'Population served by practice',
    columns: [{ key: 'practice', heading: 'Practice', kind: 'text' }, people('persons')],
    rows: r.served.practices.map((p) => ({ practice: p.practice, persons: p.persons })),
  };
  const prevalence: Table = {
    id: 'prevalence',
    title: 'Long-term conditions',
    columns: [
      { key: 'name', heading: 'Condition', kind: 'text' },
      people('persons'),
      decimal('percent', 'Prevalence (%)'),
      decimal('england', 'England (%)'),
    ],
    rows: r.needs.prevalence.map((c) => ({
      name: c.name,
      persons: c.persons,
      percent: n(c.percent),
      england: n(c.englandPercent),
    })),
  };
  const segments: Table = {
    id: 'segments',
    title: 'Population segments',
    columns: [
      { key: 'name', heading: 'Segment', kind: 'text' },
      people('persons'),
      decimal('percent', 'Share of population (%)'),
      decimal('admissions', 'Emergency admissions per 1,000'),
      decimal('ae', 'A&E attendances per 1,000'),
      { key: 'cost', heading: 'Cost per head', kind: 'pounds' },
    ],
    rows: r.segments.map((s) => ({
      name: s.name,
      persons: s.persons,
      percent: n(s.percent),
      admissions: n(s.emergencyAdmissionsPer1000),
      ae: n(s.aePer1000),
      cost: pence(s.costPerHeadPence),
    })),
  };
  const risk: Table = {
    id: 'risk',
    title: 'Risk bands',
    columns: [
      { key: 'group', heading: 'Risk band', kind: 'text' },
      people('persons'),
      decimal('percent', 'Share of population (%)'),
      decimal('admitted', 'Admitted in the next year per 1,000'),
      decimal('relative', 'Relative risk'),
      { key: 'cost', heading: 'Cost next year per head', kind: 'pounds' },
    ],
    rows: r.risk.bands.map((b) => ({
      group: b.group,
      persons: b.persons,
      percent: n(b.percentOfPopulation),
      admitted: n(b.admittedPer1000),
      relative: n(b.relativeRisk),
      cost: pence(b.costNextYearPerHeadPence),
    })),
  };
  const inequalities: Table = {
    id: 'inequalities',
    title: 'Inequalities by deprivation decile',
    columns: [
      { key: 'decile', heading: 'IMD decile (1 most deprived)', kind: 'count' },
      people('persons'),
      decimal('admissions', 'Emergency admissions per 1,000 (standardised)'),
      decimal('ae', 'A&E attendances per 1,000'),
      decimal('multimorbid', 'Two or more conditions (%)'),
      { key: 'cost', heading: 'Cost per head', kind: 'pounds' },
    ],
    rows: r.inequalities.byDecile.map((d) => ({
      decile: d.decile,
      persons: d.persons,
      admissions: n(d.emergencyAdmissionsPer1000Standardised),
      ae: n(d.aePer1000),
      multimorbid: n(d.multimorbidPercent),
      cost: pence(d.costPerHeadPence),
    })),
  };
  return {
    title: r.title,
    asOf: r.on,
    illustrative: r.synthetic ?? undefined,
    sources: [{ title: r.attribution }],
    tables: [served, prevalence, segments, risk, inequalities],
  };
}
