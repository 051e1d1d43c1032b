import { type ReactNode, useEffect, useRef } from 'react';
import { Link } from './Link.tsx';

/**
 * NHS design system form parts (nhsuk-frontend classes): an error summary that takes focus
 * and links to each field, and inputs, selects, text areas, radios and checkboxes that show
 * their own hint and error beside the label or legend. The first option of a group takes the
 * group's id, so an error summary can link to it.
 */

export interface FieldError {
  field: string;
  message: string;
  /** Where the field is when it is on another page (a question page's address with `#field`). */
  href?: string | undefined;
}

export function ErrorSummary({
  errors,
  title = 'There is a problem',
  focus = true,
}: {
  errors: FieldError[];
  title?: string;
  /** False for a summary that answers typing (a live recalculation): taking focus would interrupt it. */
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown && focus) ref.current?.focus();
  }, [shown, focus]);
  if (!shown) return null;
  return (
    <div className="nhsuk-error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="error-summary-title">
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {e.href ? (
                  <Link href={e.href}>{e.message}</Link>
                ) : e.field ? (
                  <a href={`#${e.field}`}>{e.message}</a>
                ) : (
                  e.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

/** The ids a control is described by: its hint's and its error's, where it has them. */
const describedByOf = (id: string, hint: ReactNode, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A field's hint and error message, beneath its label or legend (`ID-hint`, `ID-error`). */
function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
    </>
  );
}

/** An NHS error message, read out as an error. */
export function ErrorMessage({ id, children }: { id?: string | undefined; children: ReactNode }) {
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {children}
    </span>
  );
}

/** Label, hint and error message around one control, wired together for screen readers. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children(describedByOf(id, hint, error))}
    </div>
  );
}

/**
 * A legend, hint and error around a group of controls (the NHS fieldset pattern): radios,
 * checkboxes, or the parts of a date (`role="group"`).
 */
export function Fieldset(props: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  role?: 'group';
  children: ReactNode;
}) {
  const { id, hint, error } = props;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset
        className="nhsuk-fieldset"
        role={props.role}
        aria-describedby={describedByOf(id, hint, error)}
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {props.children}
      </fieldset>
    </div>
  );
}

interface TextInputProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  hint?: ReactNode;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'search';
  autoComplete?: string;
  width?: 10 | 20 | 30;
  /** Shown before the box, like £ for money (nhsuk-input__prefix). */
  prefix?: string;
}

export function TextInput(props: TextInputProps) {
  const { id, value, onChange, onBlur, error, type = 'text', autoComplete, width, prefix } = props;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      {(describedBy) => {
        const input = (
          <input
            className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
            id={id}
            name={id}
            type={type}
            value={value}
            autoComplete={autoComplete}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange(e.target.value)}
            onBlur={onBlur}
          />
        );
        return prefix ? (
          <div className="nhsuk-input-wrapper">
            <div className="nhsuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
            {input}
          </div>
        ) : (
          input
        );
      }}
    </Field>
  );
}

interface SelectProps<V extends string> {
  id: string;
  label: ReactNode;
  value: V;
  options: readonly { value: V; text: string }[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string | undefined;
}

export function Select<V extends string>(props: SelectProps<V>) {
  const { id, value, options, onChange, error } = props;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      {(describedBy) => (
        <select
          className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
          id={id}
          name={id}
          value={value}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string | undefined;
}) {
  return (
    <div className="nhsuk-checkboxes__item">
      <input
        className="nhsuk-checkboxes__input"
        id={props.id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
    </div>
  );
}

interface ChoiceProps<V extends string> {
  /** The first option's input takes this id, so an error summary can link to it. */
  id: string;
  legend: ReactNode;
  options: readonly { value: V; text: string; hint?: string | undefined }[];
  hint?: ReactNode;
  error?: string | undefined;
  /** Shown after the options, inside the group: findings about the choice. */
  children?: ReactNode;
}

/** A group of radios or checkboxes in its fieldset. */
function ChoiceGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  kind,
  children,
}: Omit<ChoiceProps<V>, 'options'> & { kind: 'radios' | 'checkboxes'; children: ReactNode }) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className={`nhsuk-${kind}`}>{children}</div>
    </Fieldset>
  );
}

const optionId = (id: string, i: number, value: string) => (i === 0 ? id : `${id}-${value}`);

/** One choice of a few, as NHS radios. */
export function Radios<V extends string>(
  props: ChoiceProps<V> & { value: V | undefined; onChange: (value: V) => void },
) {
  const { id, options, value, onChange } = props;
  return (
    <ChoiceGroup {...props} kind="radios">
      {options.map((o, i) => (
        <div className="nhsuk-radios__item" key={o.value}>
          <input
            className="nhsuk-radios__input"
            id={optionId(id, i, o.value)}
            name={id}
            type="radio"
            value={o.value}
            checked={value === o.value}
            aria-describedby={o.hint ? `${optionId(id, i, o.value)}-hint` : undefined}
            onChange={() => onChange(o.value)}
          />
          <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId(id, i, o.value)}>
            {o.text}
          </label>
          {o.hint && (
            <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId(id, i, o.value)}-hint`}>
              {o.hint}
            </div>
          )}
        </div>
      ))}
      {props.children}
    </ChoiceGroup>
  );
}

/** Any number of choices, as NHS checkboxes; `value` holds the ticked ones in the options' order. */
export function Checkboxes<V extends string>(
  props: ChoiceProps<V> & { value: readonly V[]; onChange: (value: V[]) => void },
) {
  const { id, options, value, onChange } = props;
  // Ticked options in the options' order; a value no option offers (any more) is kept as it is.
  const offered = new Set<string>(options.map((o) => o.value));
  const toggle = (v: V, on: boolean) =>
    onChange([
      ...value.filter((x) => !offered.has(x)),
      ...options.map((o) => o.value).filter((x) => (x === v ? on : value.includes(x))),
    ]);
  return (
    <ChoiceGroup {...props} kind="checkboxes">
      {options.length === 0 && <p className="nhsuk-body-s">There is nothing to choose yet.</p>}
      {options.map((o, i) => (
        <Checkbox
          key={o.value}
          id={optionId(id, i, o.value)}
          label={o.text}
          hint={o.hint}
          checked={value.includes(o.value)}
          onChange={(on) => toggle(o.value, on)}
        />
      ))}
      {props.children}
    </ChoiceGroup>
  );
}

export function Textarea(props: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  rows?: number;
}) {
  const { id, value, onChange, error, rows = 3 } = props;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      {(describedBy) => (
        <textarea
          className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
          id={id}
          name={id}
          rows={rows}
          value={value}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A small secondary Remove button; `label` says to screen readers what it removes. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
      onClick={onClick}
    >
      Remove<span className="nhsuk-u-visually-hidden"> {label}</span>
    </button>
  );
}
