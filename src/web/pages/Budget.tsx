import { useCallback, useState } from 'react';
import type { BudgetReport, ReportFigure } from '../../finance/report.ts';
import { Chart, type PlotModule } from '../components/Chart.tsx';
import { Link } from '../components/Link.tsx';
import { TraceView } from '../components/TraceView.tsx';
import { useBudget } from '../endpoints.ts';
import { formatDate, formatPence } from '../format.ts';

type Pick = (r: BudgetReport) => ReportFigure | undefined;
interface Selected {
  label: string;
  pick: Pick;
}

const classNames = {
  pooled: 'Pooled budget',
  aligned: 'Aligned budget',
  outside: 'Outside the ICP',
} as const;

/**
 * An arrangement's money: the integrated budget flowing from each commissioner through pooled
 * and aligned budgets to the ICP, the whole-population annual payment (WPAP) and its monthly
 * instalments across the term, and money at risk. Click a figure to see how it was reached.
 */
export function BudgetPage({ id }: { id: string }) {
  const [selected, setSelected] = useState<Selected | null>(null);
  const budget = useBudget(id, false);
  const explained = useBudget(id, selected !== null);
  if (budget.isPending) return <p>Building the budget…</p>;
  if (budget.error) return <p className="nhsuk-error-message">{budget.error.message}</p>;
  const r = budget.data;
  const figure = (label: string, pick: Pick) => {
    const f = pick(r);
    if (!f) return '—';
    return (
      <button
        type="button"
        className="concordat-figure"
        aria-label={`${f.pounds}: how ${label} was reached`}
        onClick={() => setSelected({ label, pick })}
      >
        {formatPence(f.pence)}
      </button>
    );
  };
  const trace = selected && explained.data ? selected.pick(explained.data)?.trace : undefined;

  return (
    <>
      <span className="nhsuk-caption-l">Budget</span>
      <h1>{r.arrangement}</h1>
      <p>
        Term {formatDate(r.term.start)} to {formatDate(r.term.end)}.{' '}
        <Link href={`/arrangements/${id}`}>Back to the arrangement</Link>
      </p>

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">The integrated budget on {formatDate(r.budget.on)}</h2>
        <p>
          What each commissioner puts in, and whether it goes into a pooled budget, an aligned budget, or
          stays outside the ICP.
        </p>
        <BudgetFlow report={r} />
        <table className="nhsuk-table" data-testid="budget-totals">
          <caption className="nhsuk-table__caption">Totals</caption>
          <tbody className="nhsuk-table__body">
            <tr>
              <th scope="row">Pooled budget</th>
              <td>{figure('the pooled budget', (x) => x.budget.pooled)}</td>
            </tr>
            <tr>
              <th scope="row">Aligned budget</th>
              <td>{figure('the aligned budget', (x) => x.budget.aligned)}</td>
            </tr>
            <tr>
              <th scope="row">To the ICP</th>
              <td>{figure('the ICP total', (x) => x.budget.icp_total)}</td>
            </tr>
            <tr>
              <th scope="row">Outside the ICP</th>
              <td>{figure('money outside the ICP', (x) => x.budget.outside)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      {selected && (
        <aside className="nhsuk-inset-text" aria-live="polite" aria-labelledby="trace-title">
          <h2 id="trace-title" className="nhsuk-heading-s">
            How {selected.label} was reached
          </h2>
          {explained.isFetching && <p>Fetching the explanation…</p>}
          {trace && <TraceView trace={trace} />}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => setSelected(null)}
          >
            Close
          </button>
        </aside>
      )}

      <section aria-labelledby="wpap-title">
        <h2 id="wpap-title">Payments across the term</h2>
        <p>
          The whole-population annual payment (WPAP) for each financial year, paid in monthly instalments.
        </p>
        <Instalments report={r} />
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
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>{figure(`the WPAP for ${y.year}`, (x) => x.years[i]?.wpap)}</td>
                <td>{formatPence(y.money_at_risk.total.pence)}</td>
                <td>
                  {y.risk_share
                    ? figure(
                        `the provider's risk share for ${y.year}`,
                        (x) => x.years[i]?.risk_share?.provider ?? undefined,
                      )
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.years.map((y) => (
          <details className="nhsuk-details" key={y.year}>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Monthly instalments in {y.year}</span>
            </summary>
            <div className="nhsuk-details__text">
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
                      <td>{formatPence(m.pence)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))}
        <h3>Money at risk</h3>
        <p>
          National incentives (CQUIN) and local incentives held back until earned, by year. National assurance
          is needed where the rules say so.
        </p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {r.years.map((y) => (
            <li key={y.year}>
              {y.year}: {formatPence(y.money_at_risk.national.pence)} national and{' '}
              {formatPence(y.money_at_risk.local.pence)} local, {formatPence(y.money_at_risk.total.pence)} in
              all.
            </li>
          ))}
        </ul>
      </section>
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

/** Each commissioner's contribution as a bar, split into pooled, aligned and outside. */
function BudgetFlow({ report }: { report: BudgetReport }) {
  const draw = useCallback(
    (Plot: PlotModule) =>
      Plot.plot({
        marginLeft: 160,
        x: { label: 'Pounds', tickFormat: (v: number) => `£${(v / 1e6).toLocaleString('en-GB')}m` },
        y: { label: null },
        color: { legend: true, domain: Object.values(classNames), range: ['#005eb8', '#41b6e6', '#aeb7bd'] },
        marks: [
          Plot.barX(report.budget.lines, {
            y: 'commissioner',
            x: (l: BudgetReport['budget']['lines'][number]) => l.value.pence / 100,
            fill: (l: BudgetReport['budget']['lines'][number]) => classNames[l.class],
            title: (l: BudgetReport['budget']['lines'][number]) =>
              `${l.id}: ${l.value.pounds} (${classNames[l.class]})`,
          }),
          Plot.ruleX([0]),
        ],
      }),
    [report],
  );
  return <Chart label="Each commissioner's money, pooled, aligned or outside the ICP" draw={draw} />;
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
