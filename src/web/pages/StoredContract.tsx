import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { DateInput } from '../components/DateInput.tsx';
import { ErrorSummary, type FieldError, Select } from '../components/forms.tsx';
import { Link } from '../components/Link.tsx';
import { type StoredContractDetail, useRecordContractEvent, useStoredContract } from '../endpoints.ts';
import { formatCount, formatDate, isIsoDate } from '../format.ts';
import { contractActorsFor } from '../roles.ts';
import type { User } from '../types.ts';
import { phaseNames, Replayed } from './Contract.tsx';

const actorNames: Record<string, string> = {
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
          <RecordEvent contract={data} user={user} onErrors={setEventErrors} />
          <Replayed report={data.report} />
          <Recorded contract={data} />
        </>
      )}
    </>
  );
}

/** The form for the next event. Errors go to the page's one error summary through `onErrors`. */
function RecordEvent({
  contract,
  user,
  onErrors,
}: {
  contract: StoredContractDetail;
  user: User;
  onErrors: (errors: FieldError[]) => void;
}) {
  const actors = contractActorsFor(user.roles);
  const [type, setType] = useState('');
  const [on, setOn] = useState('');
  const [by, setBy] = useState(actors[0] ?? '');
  const [details, setDetails] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const record = useRecordContractEvent(contract.id);
  const last = contract.recorded.at(-1)?.event.on;

  const report = (found: FieldError[]) => {
    setErrors(found);
    onErrors(found);
  };
  const refusal =
    record.error instanceof ApiError && (record.error.status === 403 || record.error.status === 422)
      ? record.error
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!type) found.push({ field: 'event-type', message: 'Choose what happened' });
    if (!isIsoDate(on))
      found.push({ field: 'event-on', message: 'Enter the real date of the event, like 1 9 2021' });
    let fields: unknown = {};
    if (details.trim()) {
      try {
        const { parse } = await import('yaml');
        fields = parse(details);
      } catch (e) {
        found.push({
          field: 'event-details',
          message: `The details are not YAML: ${e instanceof Error ? e.message.split('\n')[0] : e}`,
        });
      }
      if (fields === null || typeof fields !== 'object' || Array.isArray(fields))
        found.push({
          field: 'event-details',
          message: 'Write the details as one field per line, like subcontract: talking-therapies',
        });
    }
    report(found);
    record.reset();
    if (found.length > 0) return;
    record.mutate(
      { event: { ...(fields as object), type, on, by }, version: contract.version },
      {
        onSuccess: () => {
          setType('');
          setDetails('');
        },
        onError: (e) => {
          if (!(e instanceof ApiError) || e.status === 403 || e.status === 422) return;
          report(
            e.status === 409
              ? [
                  {
                    field: '',
                    message:
                      'Someone recorded an event on this contract since you opened it: check the timeline below, then record yours again',
                  },
                ]
              : e.fieldErrors().map((f) => fieldOf(f.field, f.message)),
          );
        },
      },
    );
  };

  if (actors.length === 0) {
    return (
      <section data-testid="record-event">
        <h2 className="nhsuk-heading-l">Record the next event</h2>
        <p>Your roles cannot record events on a contract.</p>
      </section>
    );
  }
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <section data-testid="record-event">
      <h2 className="nhsuk-heading-l">Record the next event</h2>
      <p>
        The event is checked against the contract rules in force on its date and recorded as you, {user.name},
        with an entry in the audit log. An event the rules do not allow is not recorded.
      </p>
      <form onSubmit={submit} noValidate>
        <Select
          id="event-type"
          label="What happened"
          value={type}
          error={error('event-type')}
          options={[
            { value: '', text: 'Choose an event' },
            ...contract.event_types.map((t) => ({ value: t, text: t })),
          ]}
          onChange={setType}
        />
        <DateInput
          id="event-on"
          legend="Date of the event"
          hint={`For example, 1 9 2021${last ? `. Not before the last recorded event, ${formatDate(last)}` : ''}`}
          value={on}
          error={error('event-on')}
          onChange={setOn}
        />
        <Select
          id="event-by"
          label="Recorded as"
          value={by}
          error={error('event-by')}
          options={actors.map((a) => ({ value: a, text: actorNames[a] ?? a }))}
          onChange={setBy}
        />
        <div className={`nhsuk-form-group${error('event-details') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="event-details">
            Details (YAML)
          </label>
          <div className="nhsuk-hint" id="event-details-hint">
            The event's other fields, one per line, for example <code>subcontract: talking-therapies</code>.
            docs/contracts.md lists each event's fields.
          </div>
          {error('event-details') && (
            <span className="nhsuk-error-message" id="event-details-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {error('event-details')}
            </span>
          )}
          <textarea
            className={`nhsuk-textarea${error('event-details') ? ' nhsuk-textarea--error' : ''}`}
            id="event-details"
            rows={5}
            spellCheck={false}
            aria-describedby={`event-details-hint${error('event-details') ? ' event-details-error' : ''}`}
            value={details}
            onChange={(e) => setDetails(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button" disabled={record.isPending}>
          Record the event
        </button>
      </form>
      {/* The outcome is shown where the person pressed the button. */}
      {refusal && (
        <div className="nhsuk-warning-callout" data-testid="event-refusal">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {refusal.problem.title ?? 'Not allowed'}
            </span>
          </h3>
          <p>{refusal.message}</p>
          {refusal.problem.rule && (
            <p className="nhsuk-body-s">
              Rule <code>{refusal.problem.rule}</code>
            </p>
          )}
          {refusal.problem.citations && refusal.problem.citations.length > 0 && (
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s" data-testid="event-refusal-sources">
              {refusal.problem.citations.map((c) => (
                <li key={c.text}>{c.text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {record.data && (
        <div className="nhsuk-inset-text" role="status" data-testid="event-recorded">
          <p>
            Recorded: {record.data.summary}. The contract is{' '}
            {phaseNames[record.data.phase_after as keyof typeof phaseNames]?.toLowerCase()} (version{' '}
            {record.data.version}).
          </p>
        </div>
      )}
    </section>
  );
}

/** The server names fields like `body/event/on`: the date, the kind and the party have fields of their own, the rest are details. */
function fieldOf(field: string, message: string): FieldError {
  const name = field.replace(/^body\/event\/?/, '');
  if (name === 'on' || name === 'type' || name === 'by') return { field: `event-${name}`, message };
  return { field: 'event-details', message: name && name !== field ? `${name}: ${message}` : message };
}

function Recorded({ contract }: { contract: StoredContractDetail }) {
  return (
    <section data-testid="recorded-events">
      <h2 className="nhsuk-heading-m">Who recorded each event</h2>
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
                {formatDate(r.event.on)}: {r.event.type} by {actorNames[r.event.by] ?? r.event.by}
              </td>
              <td>{r.recorded_by_name ?? 'Concordat (demo or import)'}</td>
              <td>{formatDate(r.recorded_at.slice(0, 10))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
