import { useState } from 'react';
import { DateInput } from '../components/DateInput.tsx';
import { Select } from '../components/forms.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useArrangement, useCheck, useVersions } from '../endpoints.ts';
import { formatDate, isIsoDate, todayInEngland } from '../format.ts';
import { canEdit } from '../roles.ts';
import type { User } from '../types.ts';
import { ArrangementEditor } from './ArrangementEditor.tsx';
import { Decisions } from './Decisions.tsx';
import { CheckCounts, Findings } from './findings.tsx';
import { PoolingPlanSection } from './PoolingPlanSection.tsx';
import { WhoDoesWhat } from './WhoDoesWhat.tsx';

/**
 * Dates worth comparing: the 2017 ACO contract draft (seed 003), the 2018 ICP Contract
 * consultation (seeds 000 and 001), and today. Any other date can be typed in.
 */
export function checkDates(today: string) {
  return [
    { value: '2017-09-01', text: `1 September 2017: the 2017 ACO contract draft` },
    { value: '2018-09-01', text: `1 September 2018: the 2018 ICP Contract consultation` },
    { value: today, text: `${formatDate(today)}: today` },
  ];
}

export function ArrangementPage({ id, user }: { id: string; user: User }) {
  const arrangement = useArrangement(id);
  const today = todayInEngland();
  const dates = checkDates(today);
  const [choice, setChoice] = useState(today);
  const [other, setOther] = useState('');
  const on = choice === 'other' ? other : choice;
  const dateError =
    choice === 'other' && !isIsoDate(other)
      ? 'The date to check on must be a real date, like 1 4 2019'
      : undefined;
  const check = useCheck(id, dateError ? undefined : arrangement.data?.version, on);

  if (arrangement.isPending) return <p>Loading the arrangement…</p>;
  if (arrangement.error) return <p className="nhsuk-error-message">{arrangement.error.message}</p>;
  const a = arrangement.data;

  return (
    <>
      <span className="nhsuk-caption-l">{a.document.place ?? 'Arrangement'}</span>
      <h1>{a.name}</h1>
      {a.document.description && <p className="nhsuk-lede-text">{a.document.description}</p>}
      <p className="nhsuk-body-s">
        Version {a.version}, last changed {formatDate(a.updated_at.slice(0, 10))}.
      </p>

      <p>
        <Link href={`/arrangements/${a.id}/budget`}>Budget and payments</Link>: the integrated budget, WPAP,
        monthly instalments and money at risk.
      </p>

      <section aria-labelledby="check-title">
        <h2 id="check-title">Is it lawful?</h2>
        <p>
          Check the arrangement against the rules in force on a date. Move the date to see how the answer
          changes.
        </p>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <Select
              id="check-on"
              label="Check on"
              value={choice}
              options={[...dates, { value: 'other', text: 'Another date' }]}
              onChange={setChoice}
            />
          </div>
          {choice === 'other' && (
            <div className="nhsuk-grid-column-one-half">
              <DateInput
                id="check-other"
                legend="Date to check on"
                hint="For example, 1 4 2019"
                value={other}
                error={other ? dateError : undefined}
                onChange={setOther}
              />
            </div>
          )}
        </div>
        {check.isFetching && <p aria-live="polite">Checking on {isIsoDate(on) ? formatDate(on) : on}…</p>}
        {check.error && <p className="nhsuk-error-message">{check.error.message}</p>}
        {check.data && !check.isFetching && (
          <div aria-live="polite">
            <h3 className="nhsuk-heading-m" data-testid="checked-on">
              On {formatDate(check.data.on)}
            </h3>
            <CheckCounts report={check.data} />
            <Findings findings={check.data.findings} />
          </div>
        )}
      </section>

      <WhoDoesWhat id={a.id} on={on} enabled={!dateError} />
      <PoolingPlanSection id={a.id} on={on} enabled={!dateError} />

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">The arrangement</h2>
        <ArrangementEditor stored={a} editable={canEdit(user.roles, a.parties)} />
      </section>

      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">Commissioner decisions</h2>
        <p>
          Some decisions belong to the commissioners by law or under the contract: approving a subcontract,
          deciding an individual funding request, terminating the contract and setting outcome measures.
          Record one here.
        </p>
        <Decisions arrangementId={a.id} />
      </section>

      <Versions id={a.id} />
      <OglAttribution />
    </>
  );
}

function Versions({ id }: { id: string }) {
  const versions = useVersions(id);
  if (!versions.data) return null;
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Every saved version and why it changed
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {versions.data.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{formatDate(v.changed_at.slice(0, 10))}</td>
                <td>{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
