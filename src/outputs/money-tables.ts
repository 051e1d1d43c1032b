/** Money answers as tables: budget lines, the WPAP schedule and instalments, incentives, risk share, allocation. */
import type { AllocationReport, BudgetReport } from '../finance/report.ts';
import { sourcesOf } from './sources.ts';
import type { Column, Table, TableSet } from './table.ts';

const pounds = (key: string, heading: string): Column => ({ key, heading, kind: 'pounds' });
const text = (key: string, heading: string): Column => ({ key, heading, kind: 'text' });
const date = (key: string, heading: string): Column => ({ key, heading, kind: 'date' });

const classWords: Record<string, string> = {
  pooled: 'Pooled',
  aligned: 'Aligned',
  outside: 'Outside the ICP',
};

export function budgetTables(r: BudgetReport): TableSet {
  const lines: Table = {
    id: 'budget-lines',
    title: 'Budget lines',
    columns: [
      text('id', 'Line'),
      text('service', 'Service'),
      text('commissioner', 'Commissioner'),
      text('source', 'Funding stream'),
      text('class', 'Budget'),
      pounds('value', 'Annual value'),
      text('reason', 'Why'),
    ],
    rows: r.budget.lines.map((l) => ({
      id: l.id,
      service: l.service,
      commissioner: l.commissioner_name,
      source: l.source,
      class: classWords[l.class] ?? l.class,
      value: l.value.pence,
      reason: l.reason,
    })),
  };
  const totals: Table = {
    id: 'totals',
    title: 'Totals',
    columns: [text('what', 'Budget'), pounds('amount', 'Amount')],
    rows: [
      { what: 'Pooled budget', amount: r.budget.pooled.pence },
      { what: 'Aligned budget', amount: r.budget.aligned.pence },
      { what: 'To the ICP', amount: r.budget.icp_total.pence },
      { what: 'Outside the ICP', amount: r.budget.outside.pence },
      { what: 'CQUIN-eligible value', amount: r.budget.cquin_eligible.pence },
    ],
  };
  const years: Table = {
    id: 'wpap',
    title: 'WPAP by year',
    columns: [
      text('year', 'Year'),
      date('from', 'From'),
      date('to', 'To'),
      { key: 'days', heading: 'Days', kind: 'count' },
      pounds('in_scope', 'In-scope value'),
      pounds('activity_paid', 'Activity-paid lines'),
      pounds('wpap', 'WPAP'),
      pounds('money_at_risk', 'Money at risk'),
      pounds('risk_share_provider', "Provider's risk share"),
    ],
    rows: r.years.map((y) => ({
      year: y.year,
      from: y.from,
      to: y.to,
      days: y.days,
      in_scope: y.in_scope.pence,
      activity_paid: y.activity_paid.pence,
      wpap: y.wpap.pence,
      money_at_risk: y.money_at_risk.total.pence,
      risk_share_provider: y.risk_share?.provider.pence ?? null,
    })),
  };
  const instalments: Table = {
    id: 'instalments',
    title: 'Monthly instalments',
    columns: [
      text('year', 'Year'),
      text('month', 'Month'),
      date('from', 'From'),
      date('to', 'To'),
      pounds('amount', 'Amount'),
    ],
    rows: r.years.flatMap((y) =>
      y.instalments.map((m) => ({ year: y.year, month: m.month, from: m.from, to: m.to, amount: m.pence })),
    ),
  };
  const incentives: Table = {
    id: 'incentives',
    title: 'Incentives and money at risk',
    columns: [
      text('year', 'Year'),
      pounds('national', 'National (CQUIN) at risk'),
      pounds('local', 'Local indicators at risk'),
      pounds('total', 'Money at risk'),
      pounds('earned', 'Incentives earned'),
      text('assurance', 'National assurance'),
    ],
    rows: r.years.map((y) => ({
      year: y.year,
      national: y.money_at_risk.national.pence,
      local: y.money_at_risk.local.pence,
      total: y.money_at_risk.total.pence,
      earned: y.incentives_earned.pence,
      assurance: y.money_at_risk.national_assurance_needed
        ? y.money_at_risk.national_assurance_given
          ? 'Needed and given'
          : 'Needed, not yet given'
        : 'Not needed',
    })),
  };
  const riskShare: Table = {
    id: 'risk-share',
    title: 'Risk share',
    columns: [
      text('year', 'Year'),
      pounds('provider', 'Provider bears'),
      pounds('commissioners', 'Commissioners bear'),
      { key: 'share', heading: "Provider's share of the budget", kind: 'percent' },
    ],
    rows: r.years.flatMap((y) =>
      y.risk_share
        ? [
            {
              year: y.year,
              provider: y.risk_share.provider.pence,
              commissioners: y.risk_share.commissioners.pence,
              share: y.risk_share.provider_share_of_budget,
            },
          ]
        : [],
    ),
  };
  return {
    title: `${r.arrangement}: budget and payments`,
    asOf: r.budget.on,
    sources: sourcesOf(r.budget.lines.flatMap((l) => l.citations)),
    tables: [totals, lines, years, instalments, incentives, riskShare],
  };
}

export function allocationTables(r: AllocationReport, asOf: string): TableSet {
  const places: Table = {
    id: 'allocation',
    title: 'Allocation by place',
    columns: [
      text('name', 'Place'),
      { key: 'practices', heading: 'Practices', kind: 'count' },
      { key: 'population', heading: 'Registered population', kind: 'count' },
      { key: 'need_index', heading: 'Need index', kind: 'decimal' },
      pounds('target', 'Target'),
      pounds('current', 'Current'),
      pounds('gap', 'Distance from target'),
      { key: 'gap_percent', heading: 'Distance from target (%)', kind: 'percent' },
      pounds('allocation', 'Allocation'),
    ],
    rows: r.places.map((p) => ({
      name: p.name,
      practices: p.practice_count,
      population: p.population,
      need_index: p.need_index.decimal,
      target: p.target.pence,
      current: p.current?.pence ?? null,
      gap: p.distance_from_target?.gap.pence ?? null,
      gap_percent: p.distance_from_target?.percent ?? null,
      allocation: p.allocation.pence,
    })),
  };
  const components: Table = {
    id: 'components',
    title: 'Allocation by component',
    columns: [
      text('place', 'Place'),
      text('component', 'Component'),
      text('basis', 'Basis'),
      { key: 'weighted', heading: 'Weighted population', kind: 'decimal' },
      { key: 'need_index', heading: 'Need index', kind: 'decimal' },
      pounds('amount', 'Amount'),
    ],
    rows: r.places.flatMap((p) =>
      p.components.map((c) => ({
        place: p.name,
        component: c.component,
        basis: c.basis,
        weighted: String(c.weighted_population),
        need_index: c.need_index.decimal,
        amount: c.pence,
      })),
    ),
  };
  return {
    title: `${r.icb_name}: place allocation ${r.year}`,
    asOf,
    sources: [
      {
        title: `NHS England, ICB Place Based Allocation Tool, weighted populations ${r.year}`,
        url: 'https://github.com/nhsengland/ICB_Allocation_Tool_update',
      },
    ],
    tables: [places, components],
  };
}
