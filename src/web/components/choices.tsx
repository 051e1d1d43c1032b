import type { ReactNode } from 'react';
import { Field } from './forms.tsx';
import { Link } from './Link.tsx';

/**
 * More NHS design system form parts (nhsuk-frontend classes): radios and a group of
 * checkboxes in a fieldset with its legend, hint and error, a textarea, and a back link.
 * The first option takes the field's id, so an error summary can link to it.
 */

interface Choice<V extends string> {
  value: V;
  text: string;
  hint?: string | undefined;
}

function Fieldset({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
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
        {children}
      </fieldset>
    </div>
  );
}

export function Radios<V extends string>(props: {
  id: string;
  legend: ReactNode;
  value: V | undefined;
  options: readonly Choice<V>[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  const { id, value, options, onChange } = props;
  return (
    <Fieldset id={id} legend={props.legend} hint={props.hint} error={props.error}>
      <div className="nhsuk-radios">
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="nhsuk-radios__item" key={o.value}>
              <input
                className="nhsuk-radios__input"
                id={optionId}
                name={id}
                type="radio"
                value={o.value}
                checked={value === o.value}
                aria-describedby={o.hint ? `${optionId}-item-hint` : undefined}
                onChange={() => onChange(o.value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                {o.text}
              </label>
              {o.hint && (
                <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId}-item-hint`}>
                  {o.hint}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function CheckboxGroup<V extends string>(props: {
  id: string;
  legend: ReactNode;
  values: readonly V[];
  options: readonly Choice<V>[];
  onChange: (values: V[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  const { id, values, options, onChange } = props;
  const toggle = (v: V, on: boolean) => onChange(on ? [...values, v] : values.filter((x) => x !== v));
  return (
    <Fieldset id={id} legend={props.legend} hint={props.hint} error={props.error}>
      {options.length === 0 && <p className="nhsuk-body-s">There is nothing to choose yet.</p>}
      <div className="nhsuk-checkboxes">
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${i}`;
          return (
            <div className="nhsuk-checkboxes__item" key={o.value}>
              <input
                className="nhsuk-checkboxes__input"
                id={optionId}
                type="checkbox"
                checked={values.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={optionId}>
                {o.text}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function TextArea(props: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  rows?: number;
}) {
  const { id, value, onChange, error } = props;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      {(describedBy) => (
        <textarea
          className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
          id={id}
          name={id}
          rows={props.rows ?? 3}
          value={value}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** The NHS back link, going to `href` within the app. */
export function BackLink({ href, children = 'Back' }: { href: string; children?: ReactNode }) {
  return (
    <Link className="nhsuk-back-link" href={href}>
      {children}
    </Link>
  );
}
