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
    // Reports published before the newer measures lack them (issue 17).
    tables: [
      served,
      prevalence,
      ...(r.expectedPrevalence ? [expectedPrevalence(r)] : []),
      ...(r.multimorbidityScore ? [multimorbidityScore(r)] : []),
      segments,
      risk,
      inequalities,
      ...(r.trends ? trends(r) : []),
    ],
  };
}

function expectedPrevalence(r: PopulationReport): Table {
  return {
    id: 'expected-prevalence',
    title: 'Prevalence against expected',
    columns: [
      { key: 'name', heading: 'Register', kind: 'text' },
      { key: 'ages', heading: 'Ages', kind: 'text' },
      people('observed', 'On the register'),
      decimal('expected', 'Expected at England rates'),
      decimal('ratio', 'Observed ÷ expected'),
      decimal('lower', 'Lower 95% limit'),
      decimal('upper', 'Upper 95% limit'),
    ],
    rows: r.expectedPrevalence.rows.map((e) => ({
      name: e.name,
      ages: e.fromAge === 0 ? 'All ages' : `${e.fromAge} and over`,
      observed: e.observed,
      expected: n(e.expected),
      ratio: n(e.ratio),
      lower: n(e.lower95),
      upper: n(e.upper95),
    })),
  };
}

function multimorbidityScore(r: PopulationReport): Table {
  return {
    id: 'multimorbidity-score',
    title: 'Cambridge Multimorbidity Score',
    columns: [
      { key: 'band', heading: 'Score (adults)', kind: 'text' },
      people('persons', 'Adults'),
      decimal('percent', 'Share of adults (%)'),
    ],
    rows: r.multimorbidityScore.bands.map((b) => ({
      band: b.band,
      persons: b.persons,
      percent: n(b.percent),
    })),
  };
}

function trends(r: PopulationReport): Table[] {
  const year: Column = { key: 'year', heading: 'Financial year', kind: 'text' };
  return [
    {
      id: 'activity-by-year',
      title: 'Admissions and A&E by year',
      columns: [
        year,
        people('people', 'People on 1 October'),
        people('admissions', 'Emergency admissions'),
        decimal('admissionsRate', 'Emergency admissions per 1,000 (standardised)'),
        decimal('admissionsLower', 'Admissions: lower 95% limit'),
        decimal('admissionsUpper', 'Admissions: upper 95% limit'),
        people('attendances', 'A&E attendances'),
        decimal('aeRate', 'A&E attendances per 1,000'),
        decimal('aeLower', 'A&E: lower 95% limit'),
        decimal('aeUpper', 'A&E: upper 95% limit'),
      ],
      rows: r.trends.activity.map((y) => ({
        year: y.year,
        people: y.people,
        admissions: y.emergencyAdmissions,
        admissionsRate: n(y.emergencyPer1000Standardised),
        admissionsLower: n(y.emergencyLower95),
        admissionsUpper: n(y.emergencyUpper95),
        attendances: y.aeAttendances,
        aeRate: n(y.aePer1000),
        aeLower: n(y.aeLower95),
        aeUpper: n(y.aeUpper95),
      })),
    },
    {
      id: 'mortality-by-year',
      title: 'Premature mortality by year',
      columns: [
        year,
        people('deaths', 'Deaths under 75'),
        decimal('rate', 'Per 100,000 (standardised)'),
        decimal('lower', 'Lower 95% limit'),
        decimal('upper', 'Upper 95% limit'),
      ],
      rows: r.trends.prematureMortality.map((y) => ({
        year: y.year,
        deaths: y.deaths,
        rate: n(y.per100000),
        lower: n(y.lower95),
        upper: n(y.upper95),
      })),
    },
  ];
}
