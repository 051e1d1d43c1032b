import { type FormEvent, lazy, Suspense, useState } from 'react';
import { formatDate, isIsoDate } from '../../core/dates.ts';
import { contractActorsFor, grantsFor } from '../../core/roles.ts';
import { DateInput } from '../components/DateInput.tsx';
import { ErrorSummary, type FieldError } from '../components/forms.tsx';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { type StoredContractDetail, useStoredContract } from '../endpoints.ts';
import { eventTypeName } from '../event-names.ts';
import { formatCount } from '../format.ts';
import type { User } from '../types.ts';
import { Replayed } from './Contract.tsx';
import { phaseNames } from './contract-labels.tsx';

// The event form and the event schema it is built from load only when a contract is opened.
const RecordEvent = lazy(() => import('./RecordEvent.tsx'));

export const actorNames: Record<string, string> = {
  commissioner: 'the commissioners',
  provider: 'the ICP (the provider)',
  practice: 'a GP practice',
  'nhs-england': 'NHS England',
};

/**
 * One stored contract: its report on a date (by default the date of its last recorded
 * event, where its story so far ends) and a form to record the next event as the
 * signed-in user. The server decides: a refused event is shown with the rule and its sources.
 */
export function StoredContract({ id, user }: { id: string; user: User }) {
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState('');
  const [dateError, setDateError] = useState<string>();
  const [eventErrors, setEventErrors] = useState<FieldError[]>([]);
  const latest = useStoredContract(id, chosen, true);
  const last = latest.data?.recorded.at(-1)?.event.on ?? '';
  const auto = chosen === '' && last !== '';
  const onLast = useStoredContract(id, last, auto);
  const shown = auto ? onLast : latest;
  const data = shown.data;

  const show = (event: FormEvent) => {
    event.preventDefault();
    if (!isIsoDate(typed)) {
      setDateError('The date to show the contract on must be a real date, like 30 6 2021');
      return;
    }
    setDateError(undefined);
    setChosen(typed);
  };

  const errors = [...(dateError ? [{ field: 'on', message: dateError }] : []), ...eventErrors];
  return (
    <>
      <p>
        <Link href="/contracts">All contracts</Link>
      </p>
      <h1>{data?.name ?? latest.data?.name ?? 'Contract'}</h1>
      <ErrorSummary errors={errors} />
      {shown.isPending && <p>Loading…</p>}
      {shown.error && <p className="nhsuk-error-message">{shown.error.message}</p>}
      {data && (
        <>
          <p data-testid="contract-summary">
            {data.provider}, {formatDate(data.start)} to {formatDate(data.end)}. Today it is{' '}
            {phaseNames[data.phase].toLowerCase()}. {formatCount(data.events)} events recorded (version{' '}
            {data.version}); parties {data.parties.join(', ') || 'not given'}.
          </p>
          <form onSubmit={show} noValidate>
            <DateInput
              id="on"
              legend="Show the contract on"
              hint={`For example, 30 6 2021. Now showing ${formatDate(data.report.on)}${auto ? ', the date of its last recorded event' : ''}.`}
              value={typed}
              error={dateError}
              onChange={setTyped}
            />
            <button type="submit" className="nhsuk-button nhsuk-button--secondary">
              Show the contract
            </button>
          </form>
          {/* Offered only to a role held for a party that may record events as some party, as the server decides. */}
          {contractActorsFor(grantsFor(user.roles, data.parties)).length > 0 && (
            <Suspense fallback={<p>Loading the event form…</p>}>
              <RecordEvent contract={data} user={user} onErrors={setEventErrors} />
            </Suspense>
          )}
          <Replayed
            report={data.report}
            resource={{ path: `/api/contracts/${encodeURIComponent(id)}`, query: { on: data.report.on } }}
            paper={{ path: `/api/contracts/${encodeURIComponent(id)}/paper`, query: { on: data.report.on } }}
          />
          <Recorded contract={data} />
        </>
      )}
    </>
  );
}

function Recorded({ contract }: { contract: StoredContractDetail }) {
  return (
    <section data-testid="recorded-events">
      <h2 className="nhsuk-heading-m">Who recorded each event</h2>
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Recorded by</th>
              <th scope="col">Recorded on</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {contract.recorded.map((r) => (
              <tr key={r.seq}>
                <td>
                  {formatDate(r.event.on)}: {eventTypeName(r.event.type)} by{' '}
                  {actorNames[r.event.by] ?? r.event.by}
                </td>
                <td>{r.recorded_by_name ?? 'Concordat (demo or import)'}</td>
                <td>{formatDate(r.recorded_at.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
