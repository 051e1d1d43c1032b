import { Fragment, useCallback, useState } from 'react';
import { formatDate } from '../../core/dates.ts';
import { formatPounds } from '../../core/money.ts';
import type { BudgetReport, ReportFigure } from '../../finance/report.ts';
import { budgetFlow, type FlowLink, type FlowNode, flowColumns } from '../budget-flow.ts';
import { Chart, type PlotModule } from '../components/Chart.tsx';
import { Downloads, PaperButton, type Resource } from '../components/Downloads.tsx';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useBudget } from '../endpoints.ts';
import { Explanation } from './budget/Explanation.tsx';
import { PracticeLists } from './budget/PracticeLists.tsx';
import { WpapSteps } from './budget/WpapSteps.tsx';

type Pick = (r: BudgetReport) => ReportFigure | null | undefined;
interface Selected {
  label: string;
  pick: Pick;
  /** The table row holding the figure: the explanation opens as the row beneath it. */
  row: string;
  /** The figure's button, which takes focus back when the explanation closes. */
  opener: HTMLElement;
}

/**
 * An arrangement's money: the integrated budget flowing from each commissioner through pooled
 * and aligned budgets to the ICP, the whole-population annual payment (WPAP) and its monthly
 * instalments across the term, why the first WPAP differs from the budget, money at risk and
 * the practices sharing incentives. Click a figure to see, beside it, how it was reached.
 */
export function BudgetPage({ id }: { id: string }) {
  const [selected, setSelected] = useState<Selected | null>(null);
  const budget = useBudget(id, false);
  const explained = useBudget(id, selected !== null);
  if (budget.isPending) return <p>Building the budget…</p>;
  if (budget.error) return <p className="nhsuk-error-message">{budget.error.message}</p>;
  const r = budget.data;
  const resource: Resource = { path: `/api/arrangements/${encodeURIComponent(id)}/budget` };
  const figure = (label: string, pick: Pick, row: string) => {
    const f = pick(r);
    if (!f) return '—';
    return (
      <button
        type="button"
        className="concordat-figure"
        aria-label={`${f.pounds}: how ${label} was reached`}
        aria-expanded={selected?.label === label}
        onClick={(e) => setSelected({ label, pick, row, opener: e.currentTarget })}
      >
        {formatPounds(f.pence)}
      </button>
    );
  };
  /** The explanation of the figure clicked in `row`, as a row of a table `columns` wide. */
  const explanationAfter = (row: string, columns: number) =>
    selected?.row === row && (
      <tr>
        <td colSpan={columns} className="concordat-explanation">
          <Explanation
            label={selected.label}
            trace={explained.data ? (selected.pick(explained.data)?.trace ?? undefined) : undefined}
            problem={explained.error?.message}
            onClose={() => {
              selected.opener.focus();
              setSelected(null);
            }}
          />
        </td>
      </tr>
    );

  return (
    <>
      <span className="nhsuk-caption-l">Budget</span>
      <h1>{r.arrangement}</h1>
      <p>
        Term {formatDate(r.term.start)} to {formatDate(r.term.end)}.{' '}
        <Link href={`/arrangements/${id}`}>Back to the arrangement</Link>
      </p>
      <PaperButton resource={{ path: `/api/arrangements/${encodeURIComponent(id)}/papers/budget` }} />

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">The integrated budget on {formatDate(r.budget.on)}</h2>
        <p>
          What each commissioner puts in, whether it goes into a pooled budget, an aligned budget or stays
          outside the ICP, and what the ICP pays on to its subcontractors. Click an underlined figure to see
          how it was reached.
        </p>
        <BudgetFlow report={r} />
        <Downloads what="budget lines" table="budget-lines" resource={resource} />
        <Downloads what="budget totals" table="totals" resource={resource} />
        <ScrollBox label="Table">
          <table className="nhsuk-table" data-testid="budget-totals">
            <caption className="nhsuk-table__caption">Totals</caption>
            <tbody className="nhsuk-table__body">
              <tr>
                <th scope="row">Pooled budget</th>
                <td>{figure('the pooled budget', (x) => x.budget.pooled, 'pooled')}</td>
              </tr>
              {explanationAfter('pooled', 2)}
              <tr>
                <th scope="row">Aligned budget</th>
                <td>{figure('the aligned budget', (x) => x.budget.aligned, 'aligned')}</td>
              </tr>
              {explanationAfter('aligned', 2)}
              <tr>
                <th scope="row">To the ICP</th>
                <td>{figure('the budget to the ICP', (x) => x.budget.icp_total, 'icp')}</td>
              </tr>
              {explanationAfter('icp', 2)}
              <tr>
                <th scope="row">Outside the ICP</th>
                <td>{figure('money outside the ICP', (x) => x.budget.outside, 'outside')}</td>
              </tr>
              {explanationAfter('outside', 2)}
            </tbody>
          </table>
        </ScrollBox>
      </section>

      <section aria-labelledby="wpap-title">
        <h2 id="wpap-title">Payments across the term</h2>
        <p>
          The whole-population annual payment (WPAP) for each financial year, paid in monthly instalments.
        </p>
        <Instalments report={r} />
        <Downloads what="WPAP by year" table="wpap" resource={resource} />
        <ScrollBox label="Table">
          <table className="nhsuk-table" data-testid="years">
            <caption className="nhsuk-table__caption">Each year</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Year</th>
                <th scope="col">WPAP</th>
                <th scope="col">Money at risk</th>
                <th scope="col">Provider's risk share</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {r.years.map((y, i) => (
                <Fragment key={y.year}>
                  <tr>
                    <th scope="row">{y.year}</th>
                    <td>{figure(`the WPAP for ${y.year}`, (x) => x.years[i]?.wpap, y.year)}</td>
                    <td>{formatPounds(y.money_at_risk.total.pence)}</td>
                    <td>
                      {y.risk_share
                        ? figure(
                            `the provider's risk share for ${y.year}`,
                            (x) => x.years[i]?.risk_share?.provider,
                            y.year,
                          )
                        : '—'}
                    </td>
                  </tr>
                  {explanationAfter(y.year, 4)}
                </Fragment>
              ))}
            </tbody>
          </table>
        </ScrollBox>
        <WpapSteps report={r} />
        <Downloads what="risk share" table="risk-share" resource={resource} />
        <Downloads what="monthly instalments" table="instalments" resource={resource} />
        {r.years.map((y) => (
          <details className="nhsuk-details" key={y.year}>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Monthly instalments in {y.year}</span>
            </summary>
            <div className="nhsuk-details__text">
              <ScrollBox label="Table">
                <table className="nhsuk-table">
                  <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                    Instalments in {y.year}
                  </caption>
                  <thead className="nhsuk-table__head">
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col">Paid for</th>
                      <th scope="col">Amount</th>
                    </tr>
                  </thead>
                  <tbody className="nhsuk-table__body">
                    {y.instalments.map((m) => (
                      <tr key={m.from}>
                        <td>{m.month}</td>
                        <td>
                          {formatDate(m.from)} to {formatDate(m.to)}
                        </td>
                        <td>{formatPounds(m.pence)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            </div>
          </details>
        ))}
        <h3>Money at risk</h3>
        <p>
          National incentives (CQUIN) and local incentives held back until earned, by year. National assurance
          is needed where the rules say so.
        </p>
        <Downloads what="incentives and money at risk" table="incentives" resource={resource} />
        <ul className="nhsuk-list nhsuk-list--bullet">
          {r.years.map((y) => (
            <li key={y.year}>
              {y.year}: {formatPounds(y.money_at_risk.national.pence)} national and{' '}
              {formatPounds(y.money_at_risk.local.pence)} local, {formatPounds(y.money_at_risk.total.pence)}{' '}
              in all.
            </li>
          ))}
        </ul>
      </section>
      <PracticeLists
        report={r}
        flowTotal={figure(
          `the incentives shared with practices in ${r.years[0]?.year}`,
          (x) => x.years[0]?.flow_through,
          'practices',
        )}
      >
        {explanationAfter('practices', 3)}
      </PracticeLists>
      {r.notes.length > 0 && (
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">Notes</h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {r.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * The money flowing left to right: commissioners, the budgets they pay into, who holds it and
 * where the ICP pays it on. Ribbons are as wide as the money they carry.
 */
function BudgetFlow({ report }: { report: BudgetReport }) {
  const draw = useCallback(
    (Plot: PlotModule) => {
      const { nodes, links, height } = budgetFlow(report.budget);
      const px = 360 / Math.max(1, height); // pixels per penny: the y range is 360 pixels tall
      const node = new Map(nodes.map((n) => [n.id, n]));
      const colour = (id: string) =>
        ({ c: '#005eb8', b: '#41b6e6', h: '#007f3b', s: '#768692' })[id[0] as 'c' | 'b' | 'h' | 's'];
      return Plot.plot({
        width: 900,
        height: 420,
        marginLeft: 10,
        marginRight: 10,
        x: { domain: [0, flowColumns.length], axis: null },
        y: { domain: [0, height], range: [36, 396], axis: null },
        marks: [
          Plot.link(links, {
            x1: (l: FlowLink) => (node.get(l.from)?.column ?? 0) + 0.12,
            x2: (l: FlowLink) => node.get(l.to)?.column ?? 0,
            y1: 'fromY',
            y2: 'toY',
            curve: 'bump-x',
            stroke: (l: FlowLink) => colour(l.to),
            strokeOpacity: 0.35,
            strokeWidth: (l: FlowLink) => Math.max(1, l.pence * px),
            title: (l: FlowLink) =>
              `${node.get(l.from)?.label} to ${node.get(l.to)?.label}: ${formatPounds(l.pence)}`,
          }),
          Plot.rect(nodes, {
            x1: (n: FlowNode) => n.column,
            x2: (n: FlowNode) => n.column + 0.12,
            y1: 'top',
            y2: (n: FlowNode) => n.top + n.pence,
            fill: (n: FlowNode) => colour(n.id),
          }),
          Plot.text(nodes, {
            x: (n: FlowNode) => n.column + 0.15,
            y: (n: FlowNode) => n.top + n.pence / 2,
            text: (n: FlowNode) => `${n.label}\n${formatPounds(n.pence)}`,
            textAnchor: 'start',
            fontSize: 12,
            lineWidth: 14,
          }),
          Plot.text(flowColumns, {
            x: (_: string, i: number) => i,
            y: 0,
            dy: -20,
            text: (c: string) => c,
            textAnchor: 'start',
            fontWeight: 'bold',
          }),
        ],
      });
    },
    [report],
  );
  return (
    <Chart
      label="The integrated budget flowing from the commissioners through pooled and aligned budgets to the ICP and its subcontractors"
      draw={draw}
      testId="budget-flow"
    />
  );
}

/** Every monthly instalment across the term scheduled. */
function Instalments({ report }: { report: BudgetReport }) {
  const draw = useCallback(
    (Plot: PlotModule) => {
      const months = report.years.flatMap((y) => y.instalments.map((m) => ({ ...m, year: y.year })));
      return Plot.plot({
        x: {
          label: null,
          type: 'band',
          domain: months.map((m) => m.month),
          tickFormat: (d: string) => (d.startsWith('April') ? d : ''),
        },
        y: {
          label: 'Pounds',
          tickFormat: (v: number) => `£${(v / 1e6).toLocaleString('en-GB')}m`,
          grid: true,
        },
        color: { legend: true, label: 'Financial year' },
        marks: [
          Plot.barY(months, {
            x: 'month',
            y: (m: (typeof months)[number]) => m.pence / 100,
            fill: 'year',
            title: (m: (typeof months)[number]) => `${m.month}: ${m.pounds}`,
          }),
          Plot.ruleY([0]),
        ],
      });
    },
    [report],
  );
  return <Chart label="Monthly instalments of the WPAP across the term" draw={draw} />;
}
