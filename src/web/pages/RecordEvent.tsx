import { type FormEvent, useState } from 'react';
import { formatDate, isIsoDate } from '../../core/dates.ts';
import { contractActorsFor, eventTypesOfferedTo, grantsFor } from '../../core/roles.ts';
import { ApiError } from '../api.ts';
import { DateInput } from '../components/DateInput.tsx';
import { Checkbox, Field, type FieldError, Select, TextInput } from '../components/forms.tsx';
import { Refusal } from '../components/Refusal.tsx';
import { completeEvent, withContractChoices } from '../contract-choices.ts';
import { type StoredContractDetail, useRecordContractEvent } from '../endpoints.ts';
import {
  eventFields,
  eventFormErrors,
  type FieldSpec,
  type FormValue,
  type FormValues,
  initialValues,
  inputId,
  rowName,
  rowValue,
  serverFieldId,
  toEvent,
} from '../event-form.ts';
import { offeredGroups } from '../event-names.ts';
import type { User } from '../types.ts';
import { phaseNames } from './contract-labels.tsx';
import { actorNames } from './StoredContract.tsx';

/**
 * The form for a contract's next event (loaded only on the stored contract page): what
 * happened by its plain-English name, its date, who it is recorded as, and the fields of that
 * event built from the event schema. Errors go to the page's one summary through `onErrors`.
 * Shown only to a user whose roles let them record events as some party.
 */
export default function RecordEvent({
  contract,
  user,
  onErrors,
}: {
  contract: StoredContractDetail;
  user: User;
  onErrors: (errors: FieldError[]) => void;
}) {
  // The server lets a user record only as a party their roles for this contract's parties stand for.
  const actors = contractActorsFor(grantsFor(user.roles, contract.parties));
  const [type, setType] = useState('');
  const [on, setOn] = useState('');
  const [by, setBy] = useState(actors[0] ?? '');
  const [values, setValues] = useState<FormValues>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const record = useRecordContractEvent(contract.id);
  const last = contract.recorded.at(-1)?.event.on;
  const fields = withContractChoices(type, eventFields(type), contract.report);

  const formErrors = (t: string, o: string, v: FormValues): FieldError[] => [
    ...(t ? [] : [{ field: 'event-type', message: 'Choose what happened' }]),
    ...(isIsoDate(o)
      ? []
      : [{ field: 'event-on', message: 'Enter the real date of the event, like 1 9 2021' }]),
    ...eventFormErrors(withContractChoices(t, eventFields(t), contract.report), v),
  ];
  const errors = formErrors(type, on, values);
  // As the user types, each field answers once touched; after a submit, every field and the summary answer.
  const shown = submitted ? errors : errors.filter((e) => touched.has(e.field));
  const error = (id: string) => [...shown, ...serverErrors].find((e) => e.field === id)?.message;
  const touch = (id: string) => setTouched((t) => (t.has(id) ? t : new Set(t).add(id)));
  const afterChange = (t: string, o: string, v: FormValues) => {
    if (submitted) onErrors(formErrors(t, o, v));
  };

  // Another type of event starts its form afresh: its fields answer once typed in.
  const chooseType = (t: string) => {
    setType(t);
    setValues(initialValues(withContractChoices(t, eventFields(t), contract.report)));
    setTouched(new Set(t ? [] : ['event-type']));
    setSubmitted(false);
    setServerErrors([]);
    onErrors([]);
  };
  const setOnDate = (o: string) => {
    setOn(o);
    afterChange(type, o, values);
  };
  const setField = (name: string, value: FormValue, id: string) => {
    const v = { ...values, [name]: value };
    setValues(v);
    touch(id);
    afterChange(type, on, v);
  };

  const refusal =
    record.error instanceof ApiError && (record.error.status === 403 || record.error.status === 422)
      ? record.error
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors([]);
    onErrors(errors);
    record.reset();
    if (errors.length > 0) return;
    record.mutate(
      {
        event: completeEvent(toEvent(type, on, by, fields, values), contract.report),
        version: contract.version,
      },
      {
        onSuccess: () => {
          setType('');
          setValues({});
          setTouched(new Set());
          setSubmitted(false);
        },
        onError: (e) => {
          if (!(e instanceof ApiError) || e.status === 403 || e.status === 422) return;
          const found =
            e.status === 409
              ? [
                  {
                    field: '',
                    message:
                      'Someone recorded an event on this contract since you opened it: check the timeline below, then record yours again',
                  },
                ]
              : e.fieldErrors().map((f) => ({ field: serverFieldId(f.field), message: f.message }));
          setServerErrors(found);
          onErrors(found);
        },
      },
    );
  };

  const groups = offeredGroups(eventTypesOfferedTo(user.roles, contract.parties, contract.event_types));
  if (groups.length === 0) {
    return (
      <section data-testid="record-event">
        <h2 className="nhsuk-heading-l">Record the next event</h2>
        <p>No event can be recorded on this contract now.</p>
      </section>
    );
  }
  return (
    <section data-testid="record-event">
      <h2 className="nhsuk-heading-l">Record the next event</h2>
      <p>
        The event is checked against the contract rules in force on its date and recorded as you, {user.name},
        with an entry in the audit log. An event the rules do not allow is not recorded.
      </p>
      <form onSubmit={submit} noValidate>
        <Field id="event-type" label="What happened" error={error('event-type')}>
          {(describedBy) => (
            <select
              className={`nhsuk-select${error('event-type') ? ' nhsuk-select--error' : ''}`}
              id="event-type"
              name="event-type"
              value={type}
              aria-describedby={describedBy}
              onChange={(e) => chooseType(e.target.value)}
            >
              <option value="">Choose an event</option>
              {groups.map((g) => (
                <optgroup key={g.title} label={g.title}>
                  {g.types.map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <DateInput
          id="event-on"
          legend="Date of the event"
          hint={`For example, 1 9 2021${last ? `. Not before the last recorded event, ${formatDate(last)}` : ''}`}
          value={on}
          error={error('event-on')}
          onChange={setOnDate}
          onBlur={() => touch('event-on')}
        />
        <Select
          id="event-by"
          label="Recorded as"
          value={by}
          error={error('event-by')}
          options={actors.map((a) => ({ value: a, text: actorNames[a] ?? a }))}
          onChange={setBy}
        />
        {fields.map((f) => (
          <EventField
            key={`${type}-${f.name}`}
            spec={f}
            value={values[f.name]}
            path={[f.name]}
            error={error}
            onChange={(v, id) => setField(f.name, v, id)}
          />
        ))}
        <button type="submit" className="nhsuk-button" disabled={record.isPending}>
          Record the event
        </button>
      </form>
      {/* The outcome is shown where the person pressed the button. */}
      {refusal && <Refusal refusal={refusal} testId="event-refusal" />}
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

/** Box widths that fit what each kind holds; free text takes the full width. */
const widths: Partial<Record<FieldSpec['kind'], (spec: FieldSpec) => 10 | 20 | undefined>> = {
  text: (spec) => (spec.pattern ? 20 : undefined),
  money: () => 10,
  decimal: () => 10,
  'whole-number': () => 10,
};

interface EventFieldProps {
  spec: FieldSpec;
  value: FormValue | undefined;
  path: (string | number)[];
  error: (id: string) => string | undefined;
  onChange: (value: FormValue, id: string) => void;
  /** A list row's own label (“Service 2”) in place of the field's. */
  label?: string;
}

/** One field of an event, drawn by its kind; groups and lists draw their fields inside a fieldset. */
function EventField({ spec, value, path, error, onChange, label = spec.label }: EventFieldProps) {
  const id = inputId(...path);
  const text = typeof value === 'string' ? value : '';
  const optional = spec.required ? '' : ' (optional)';
  switch (spec.kind) {
    case 'date':
      return (
        <DateInput
          id={id}
          legend={`${label}${optional}`}
          hint={spec.hint ? `${spec.hint} For example, 1 9 2021.` : 'For example, 1 9 2021.'}
          value={text}
          error={error(id)}
          onChange={(v) => onChange(v, id)}
        />
      );
    case 'yes-no':
      return (
        <div className="nhsuk-form-group">
          <div className="nhsuk-checkboxes">
            <Checkbox
              id={id}
              label={label}
              hint={spec.hint}
              checked={value === true}
              onChange={(v) => onChange(v, id)}
            />
          </div>
        </div>
      );
    case 'choice': {
      const options = spec.options ?? [];
      if (spec.required && options.length <= 4)
        return <Radios {...{ spec, id, label, text, error, onChange }} />;
      return (
        <Select
          id={id}
          label={`${label}${optional}`}
          hint={spec.hint}
          value={text}
          error={error(id)}
          options={[{ value: '', text: spec.required ? 'Choose one' : 'Not given' }, ...options]}
          onChange={(v) => onChange(v, id)}
        />
      );
    }
    case 'group': {
      const inner = (value as FormValues | undefined) ?? {};
      return (
        <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-4">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{`${label}${optional}`}</legend>
          {spec.hint && <div className="nhsuk-hint">{spec.hint}</div>}
          {(spec.fields ?? []).map((f) => (
            <EventField
              key={f.name}
              spec={f}
              value={inner[f.name]}
              path={[...path, f.name]}
              error={error}
              onChange={(v, at) => onChange({ ...inner, [f.name]: v }, at)}
            />
          ))}
        </fieldset>
      );
    }
    case 'list':
      return <List {...{ spec, value, path, error, onChange, label }} />;
    default:
      return (
        <TextInput
          id={id}
          label={`${label}${optional}`}
          hint={
            spec.kind === 'money'
              ? `${spec.hint ? `${spec.hint} ` : ''}In pounds and pence, like 1,200,000.00.`
              : spec.hint
          }
          value={text}
          error={error(id)}
          width={widths[spec.kind]?.(spec)}
          prefix={spec.kind === 'money' ? '£' : undefined}
          onChange={(v) => onChange(v, id)}
        />
      );
  }
}

function Radios({
  spec,
  id,
  label,
  text,
  error,
  onChange,
}: {
  spec: FieldSpec;
  id: string;
  label: string;
  text: string;
  error: (id: string) => string | undefined;
  onChange: (value: FormValue, id: string) => void;
}) {
  const message = error(id);
  const describedBy = [spec.hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group${message ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{label}</legend>
        {spec.hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {spec.hint}
          </div>
        )}
        {message && (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {message}
          </span>
        )}
        <div className="nhsuk-radios">
          {(spec.options ?? []).map((o, i) => {
            // The first radio takes the field's id so the error summary can link to it.
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="nhsuk-radios__item" key={o.value}>
                <input
                  className="nhsuk-radios__input"
                  id={optionId}
                  name={id}
                  type="radio"
                  value={o.value}
                  checked={text === o.value}
                  onChange={() => onChange(o.value, id)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                  {o.text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** Repeatable rows: each a value or a small group of fields, with Remove, and Add another below. */
function List({
  spec,
  value,
  path,
  error,
  onChange,
  label,
}: Omit<EventFieldProps, 'label'> & { label: string }) {
  const rows = (value as FormValue[] | undefined) ?? [];
  const id = inputId(...path);
  const fields = spec.fields ?? [];
  const plain = fields.length === 1 && fields[0]?.name === '';
  const set = (i: number, row: FormValue, at: string) =>
    onChange(
      rows.map((r, j) => (j === i ? row : r)),
      at,
    );
  const listError = rows.length === 0 ? error(inputId(...path, 0)) : undefined;
  return (
    <fieldset
      className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-4"
      id={rows.length === 0 ? `${id}-0` : undefined}
    >
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{`${label}${spec.required ? '' : ' (optional)'}`}</legend>
      {spec.hint && <div className="nhsuk-hint">{spec.hint}</div>}
      {listError && (
        <span className="nhsuk-error-message">
          <span className="nhsuk-u-visually-hidden">Error:</span> {listError}
        </span>
      )}
      {rows.map((row, i) => {
        const rowLabel = rowName(spec, i);
        const remove = (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() =>
              onChange(
                rows.filter((_, j) => j !== i),
                id,
              )
            }
          >
            Remove <span className="nhsuk-u-visually-hidden">{rowLabel}</span>
          </button>
        );
        if (plain)
          return (
            <div key={i}>
              <EventField
                spec={{ ...(fields[0] as FieldSpec), hint: undefined }}
                label={rowLabel}
                value={row}
                path={[...path, i]}
                error={error}
                onChange={(v, at) => set(i, v, at)}
              />
              {remove}
            </div>
          );
        const inner = row as FormValues;
        return (
          <fieldset className="nhsuk-fieldset" key={i}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{rowLabel}</legend>
            {fields.map((f) => (
              <EventField
                key={f.name}
                spec={f}
                value={inner[f.name]}
                path={[...path, i, f.name]}
                error={error}
                onChange={(v, at) => set(i, { ...inner, [f.name]: v }, at)}
              />
            ))}
            {remove}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() => onChange([...rows, rowValue(spec)], id)}
      >
        Add {rows.length === 0 ? 'one' : 'another'}{' '}
        <span className="nhsuk-u-visually-hidden">to {label}</span>
      </button>
    </fieldset>
  );
}
