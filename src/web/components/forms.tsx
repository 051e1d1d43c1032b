import { type ReactNode, useEffect, useRef } from 'react';
import { Link } from './Link.tsx';

/**
 * NHS design system form parts (nhsuk-frontend classes): an error summary that takes focus
 * and links to each field, and inputs that show their own error beside the label.
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

/** Label, hint and error message around one control, wired together for screen readers. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      {children(describedBy)}
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

/** A legend, hint and error around a group of radios or checkboxes (the NHS fieldset pattern). */
function ChoiceGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  kind,
  children,
}: Omit<ChoiceProps<V>, 'options'> & { kind: 'radios' | 'checkboxes'; children: ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className={`nhsuk-${kind}`}>{children}</div>
      </fieldset>
    </div>
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
  const toggle = (v: V, on: boolean) =>
    onChange(options.map((o) => o.value).filter((x) => (x === v ? on : value.includes(x))));
  return (
    <ChoiceGroup {...props} kind="checkboxes">
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
  rows?: number;
}) {
  const { id, value, onChange, rows = 3 } = props;
  return (
    <Field id={id} label={props.label} hint={props.hint}>
      {(describedBy) => (
        <textarea
          className="nhsuk-textarea"
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
