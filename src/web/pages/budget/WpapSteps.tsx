import { formatDate } from '../../../core/dates.ts';
import type { BudgetReport } from '../../../finance/report.ts';
import { sentenceCase, signedPounds } from '../../format.ts';

/**
 * Why the first year's WPAP is not the budget to the ICP: each step between them (part of a
 * year, scope changes, a cap, incentive money held at risk, lines paid on activity) in pounds
 * and pence, adding up exactly (src/finance/wpap-explain.ts).
 */
export function WpapSteps({ report }: { report: BudgetReport }) {
  const r = report.budget_to_wpap;
  return (
    <div data-testid="budget-to-wpap">
      <h3 id="budget-to-wpap-title">Why the WPAP differs from the budget</h3>
      <p>
        The budget to the ICP is {r.budget.pounds}; the WPAP for {r.year} is {r.wpap.pounds}. These steps take
        one to the other, to the penny.
      </p>
      <dl className="nhsuk-summary-list concordat-steps">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Budget to the ICP on {formatDate(report.budget.on)}</dt>
          <dd className="nhsuk-summary-list__value">{r.budget.pounds}</dd>
        </div>
        {r.steps.map((s) => (
          <div className="nhsuk-summary-list__row" key={s.what}>
            <dt className="nhsuk-summary-list__key">{sentenceCase(s.what)}</dt>
            <dd className="nhsuk-summary-list__value">{signedPounds(s.amount.pence)}</dd>
          </div>
        ))}
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">WPAP for {r.year}</dt>
          <dd className="nhsuk-summary-list__value">
            <strong>{r.wpap.pounds}</strong>
          </dd>
        </div>
      </dl>
    </div>
  );
}
