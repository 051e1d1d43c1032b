/**
 * The five board papers, each from an answer Concordat already gives (the same reports the
 * web, API and CLI show), so a paper never computes a figure of its own. Wording is ours:
 * it says what the figures mean for a board, in plain English, and cites the rules.
 */
import { describePhase } from '../contracts/phases.ts';
import type { ContractReport } from '../contracts/replay.ts';
import type { AllocationReport, BudgetReport } from '../finance/report.ts';
import type { CheckReport } from '../law/check.ts';
import { formatDate } from '../law/date.ts';
import type { PoolingPlan } from '../law/pooling-plan.ts';
import type { ResponsibilityMatrix } from '../law/responsibility.ts';
import type { PopulationReport } from '../population/pipeline.ts';
import { contractTables } from './contract-tables.ts';
import { findingsTables, matrixTable, poolingTables } from './law-tables.ts';
import { allocationTables, budgetTables } from './money-tables.ts';
import { type BoardPaper, millions } from './paper.ts';
import { populationTables } from './population-tables.ts';
import { suppressedText } from './table.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const people = (n: number | null) => (n === null ? suppressedText : n.toLocaleString('en-GB'));

export function lawfulnessPaper(
  check: CheckReport,
  matrix: ResponsibilityMatrix,
  plan: PoolingPlan,
  version: string,
): BoardPaper {
  const { error, warning, information } = check.counts;
  const pooling = poolingTables({ ...plan, arrangement: check.arrangement });
  const findings = findingsTables(check);
  const firstErrors = check.findings.filter((f) => f.severity === 'error').slice(0, 3);
  return {
    kind: 'Arrangement lawfulness',
    title: `${check.arrangement}: is the arrangement lawful on ${formatDate(check.on)}?`,
    asOf: check.on,
    version,
    purpose:
      'To set out whether the arrangement, as recorded, is lawful under the statutes and national rules in force on the date, who carries out each commissioning activity, and how the money for its services can be pooled.',
    recommendation: check.lawful
      ? 'The board is asked to note that no unlawful features were found, and to consider the warnings and notes below before it approves the arrangement.'
      : `The board is asked not to approve the arrangement until the ${plural(error, 'error')} below are put right, and to note the warnings.`,
    summary: [
      check.lawful
        ? `The checks found nothing unlawful on ${formatDate(check.on)}.`
        : `The checks found ${plural(error, 'error')}: the arrangement is not lawful as recorded on ${formatDate(check.on)}.`,
      ...firstErrors.map((f) => `${f.rule_title}: ${f.message}`),
      `${plural(warning, 'warning')} and ${plural(information, 'note')} are listed in the detail with the rule and source behind each.`,
      plan.feasible
        ? `The services can be commissioned together: ${plan.funds.length ? plan.funds.map((f) => f.label).join('; ') : 'no pooled or aligned fund is needed'}.`
        : 'The services cannot all be pooled as proposed; the pooling plan says why.',
    ],
    keyFigures: [
      { label: 'Errors (unlawful features)', value: String(error) },
      { label: 'Warnings', value: String(warning) },
      { label: 'Notes', value: String(information) },
      { label: 'Commissioning activities', value: String(matrix.rows.length) },
      { label: 'Pooled or aligned funds', value: String(plan.funds.length) },
      { label: 'Pooling feasible', value: plan.feasible ? 'Yes' : 'No' },
    ],
    charts: [
      {
        title: 'Findings by severity',
        unit: 'number',
        bars: [
          { label: 'Errors', value: error },
          { label: 'Warnings', value: warning },
          { label: 'Notes', value: information },
        ],
      },
    ],
    tables: {
      ...findings,
      sources: [...findings.sources, ...pooling.sources].filter(
        (s, i, all) => all.findIndex((x) => x.title === s.title) === i,
      ),
      tables: [...findings.tables, matrixTable(matrix), ...pooling.tables],
    },
  };
}

export function budgetPaper(r: BudgetReport, version: string): BoardPaper {
  const first = r.years[0];
  const total = r.years.reduce((s, y) => s + y.wpap.pence, 0);
  const atRisk = r.years.reduce((s, y) => s + y.money_at_risk.total.pence, 0);
  const assurance = r.years.filter(
    (y) => y.money_at_risk.national_assurance_needed && !y.money_at_risk.national_assurance_given,
  );
  return {
    kind: 'Budget and payments',
    title: `${r.arrangement}: integrated budget and payments`,
    asOf: r.budget.on,
    version,
    purpose:
      'To set out the integrated budget the commissioners bring to the arrangement, the whole-population annual payment (WPAP) for each year of the term with its monthly instalments, the incentives and money at risk, and how risk is shared.',
    recommendation: assurance.length
      ? `The board is asked to approve the budget subject to national assurance of the money at risk in ${assurance.map((y) => y.year).join(', ')}, which the rules require before the contract is signed.`
      : 'The board is asked to approve the integrated budget and the payment schedule set out below.',
    summary: [
      `The commissioners bring ${millions(r.budget.icp_total.pence)} a year to the integrated care provider: ${millions(r.budget.pooled.pence)} in pooled budgets and ${millions(r.budget.aligned.pence)} in aligned budgets; ${millions(r.budget.outside.pence)} stays outside the contract.`,
      first
        ? `In ${first.year} the WPAP is ${millions(first.wpap.pence)}, paid in ${first.instalments.length} monthly instalments; ${millions(first.money_at_risk.total.pence)} of it is at risk against incentives.`
        : 'No year of the term is scheduled.',
      `Across the ${plural(r.years.length, 'year')} scheduled the WPAP comes to ${millions(total)}.`,
      ...r.notes.slice(0, 2),
    ],
    keyFigures: [
      { label: 'To the ICP each year', pence: r.budget.icp_total.pence },
      { label: 'Pooled budget', pence: r.budget.pooled.pence },
      { label: 'Aligned budget', pence: r.budget.aligned.pence },
      { label: first ? `WPAP ${first.year}` : 'WPAP', pence: first?.wpap.pence ?? 0 },
      { label: 'WPAP across the term', pence: total },
      { label: 'Money at risk across the term', pence: atRisk },
    ],
    charts: [
      {
        title: 'Where the money goes (a year)',
        unit: 'pounds',
        bars: [
          { label: 'Pooled', value: r.budget.pooled.pence },
          { label: 'Aligned', value: r.budget.aligned.pence },
          { label: 'Outside the ICP', value: r.budget.outside.pence },
        ],
      },
      {
        title: 'WPAP by year',
        unit: 'pounds',
        bars: r.years.map((y) => ({ label: y.year, value: y.wpap.pence })),
      },
    ],
    tables: budgetTables(r),
  };
}

export function allocationPaper(r: AllocationReport, asOf: string, version: string): BoardPaper {
  const furthest = [...r.places]
    .filter((p) => p.distance_from_target)
    .sort(
      (a, b) =>
        Number.parseFloat(a.distance_from_target?.percent ?? '0') -
        Number.parseFloat(b.distance_from_target?.percent ?? '0'),
    )[0];
  return {
    kind: 'Place allocation',
    title: `${r.icb_name}: allocation of the ${r.year} budget between places`,
    asOf,
    version,
    purpose:
      "To share the ICB's single pot between its places by need, using NHS England's weighted populations, and to show each place's distance from its fair-share target and the pace of change.",
    recommendation:
      'The board is asked to approve the place allocations below, and the pace at which places move towards their targets.',
    summary: [
      `${millions(r.total.pence)} is shared between ${plural(r.places.length, 'place')} by need.`,
      ...r.places.map(
        (p) =>
          `${p.name}: ${millions(p.allocation.pence)} (need index ${p.need_index.decimal}${p.distance_from_target ? `, ${p.distance_from_target.percent} from target` : ''}).`,
      ),
      furthest?.distance_from_target
        ? `${furthest.name} is furthest below its target, at ${furthest.distance_from_target.percent}.`
        : 'No current allocations were given, so distance from target is not shown.',
    ],
    keyFigures: [
      { label: 'Single pot', pence: r.total.pence },
      { label: 'Places', value: String(r.places.length) },
      ...r.places.slice(0, 4).map((p) => ({ label: `${p.name} allocation`, pence: p.allocation.pence })),
    ],
    charts: [
      {
        title: 'Allocation by place',
        unit: 'pounds',
        bars: r.places.map((p) => ({ label: p.name, value: p.allocation.pence })),
      },
      {
        title: 'Need index by place (1 = the ICB average)',
        unit: 'number',
        bars: r.places.map((p) => ({ label: p.name, value: Number(p.need_index.decimal) })),
      },
      ...(r.places.some((p) => p.distance_from_target)
        ? [
            {
              title: 'Distance from target (%)',
              unit: 'percent' as const,
              bars: r.places.map((p) => ({
                label: p.name,
                value: Number.parseFloat(p.distance_from_target?.percent ?? '0'),
              })),
            },
          ]
        : []),
    ],
    tables: allocationTables(r, asOf),
  };
}

export function contractPaper(r: ContractReport, version: string): BoardPaper {
  const count = (status: string) => r.obligations.filter((o) => o.status === status).length;
  const overdue = r.obligations.filter((o) => o.status === 'overdue');
  const open = Object.values(r.state.remedial_plans).filter((p) => !p.completed_on);
  const earned = r.incentives.reduce((s, i) => s + i.earned_pence, 0);
  const available = r.incentives.reduce((s, i) => s + i.available_pence, 0);
  return {
    kind: 'Contract position',
    title: `${r.contract}: position on ${formatDate(r.on)}`,
    asOf: r.on,
    version,
    purpose:
      "To report the contract's phase, the obligations due and overdue under the contract and the rules, performance against indicators and incentives, and any remedial plans.",
    recommendation: overdue.length
      ? `The board is asked to note the ${plural(overdue.length, 'overdue obligation')} and to agree the actions to bring them up to date.`
      : 'The board is asked to note the contract position; no obligation is overdue.',
    summary: [
      `The contract is ${describePhase(r.state.phase)}.`,
      `${plural(count('met') + count('met-late'), 'obligation')} met (${count('met-late')} late), ${count('due')} due now, ${overdue.length} overdue and ${count('upcoming')} upcoming.`,
      ...overdue.slice(0, 3).map((o) => `Overdue since ${formatDate(o.due)}: ${o.title}.`),
      `${plural(open.length, 'remedial plan')} open; incentives earned ${millions(earned)} of ${millions(available)} available.`,
    ],
    keyFigures: [
      { label: 'Phase', value: describePhase(r.state.phase) },
      { label: 'Obligations overdue', value: String(overdue.length) },
      { label: 'Obligations due now', value: String(count('due')) },
      { label: 'Remedial plans open', value: String(open.length) },
      { label: 'Incentives earned', pence: earned },
      {
        label: 'Registered population served',
        value: people(r.population.registered_with_integrated_practices),
      },
    ],
    charts: [
      {
        title: 'Obligations by status',
        unit: 'number',
        bars: (['met', 'met-late', 'due', 'overdue', 'upcoming'] as const).map((s) => ({
          label: { met: 'Met', 'met-late': 'Met late', due: 'Due', overdue: 'Overdue', upcoming: 'Upcoming' }[
            s
          ],
          value: count(s),
        })),
      },
    ],
    tables: contractTables(r),
  };
}

export function populationPaper(r: PopulationReport, version: string): BoardPaper {
  const tables = populationTables(r);
  const deciles = r.inequalities.byDecile;
  const sii = r.inequalities.slopeIndex.emergencyAdmissionsPer1000Standardised.value;
  return {
    kind: 'Population health report',
    title: r.title,
    asOf: r.on,
    version,
    purpose:
      'To describe the population the system serves, its needs and risks, its segments and the inequalities between its most and least deprived people, to inform commissioning priorities.',
    recommendation:
      'The board is asked to note the report and to use the segments and inequalities below in setting commissioning priorities.',
    summary: [
      `${people(r.served.total)} people are served (${people(r.served.registered)} registered with the practices).`,
      ...r.segments.slice(0, 3).map((s) => `${s.name}: ${people(s.persons)} people.`),
      sii === null
        ? 'The gap in emergency admissions between the most and least deprived cannot be estimated from these figures.'
        : `Between the least and most deprived, the slope index of inequality in emergency admissions is ${sii.toLocaleString('en-GB', { maximumFractionDigits: 1 })} per 1,000 people (age and sex standardised).`,
      'Counts of fewer than eight people are suppressed and others rounded, as NHS disclosure practice requires.',
    ],
    keyFigures: [
      { label: 'People served', value: people(r.served.total) },
      { label: 'Registered with the practices', value: people(r.served.registered) },
      { label: 'Practices', value: String(r.served.practices.length) },
      { label: 'Weighted population per person', value: r.weightedPopulation.needsIndex.fixed },
      { label: 'Population segments', value: String(r.segments.length) },
      ...(r.wpapPopulationIndex
        ? [
            {
              label: `WPAP population index ${r.wpapPopulationIndex.arrangementEntry.year}`,
              value: r.wpapPopulationIndex.arrangementEntry.index,
            },
          ]
        : []),
    ],
    charts: [
      {
        title: 'Emergency admissions per 1,000 by deprivation decile (1 = most deprived, standardised)',
        unit: 'number',
        bars: deciles.map((d) => ({
          label: `Decile ${d.decile}`,
          value: d.emergencyAdmissionsPer1000Standardised ?? 0,
        })),
      },
    ],
    tables,
  };
}
