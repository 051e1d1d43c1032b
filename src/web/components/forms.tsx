import { type ReactNode, useEffect, useRef } from 'react';

/**
 * NHS design system form parts (nhsuk-frontend classes): an error summary that takes focus
 * and links to each field, and inputs that show their own error beside the label.
 */

export interface FieldError {
  field: string;
  message: string;
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
                {e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}
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
