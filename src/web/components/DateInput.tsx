import { useEffect, useState } from 'react';
import { Fieldset } from './forms.tsx';

interface Parts {
  day: string;
  month: string;
  year: string;
}

function split(iso: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m
    ? { year: m[1] as string, month: String(Number(m[2])), day: String(Number(m[3])) }
    : { day: '', month: '', year: '' };
}

/** Day, month and year as typed → `YYYY-MM-DD` (which may still not be a real date), or '' when all are empty. */
export function joinDateParts({ day, month, year }: Parts): string {
  if (!day.trim() && !month.trim() && !year.trim()) return '';
  return `${year.trim()}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`;
}

interface DateInputProps {
  /** The day box takes this id, so an error summary can link to it; month and year add -month and -year. */
  id: string;
  legend: string;
  hint?: string;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  onBlur?: () => void;
}

/**
 * The NHS design system's date input: three boxes for day, month and year, which read the
 * same in every browser (a native date picker follows the browser's locale). The value is
 * an ISO date; the caller checks it (src/web/validation.ts `isoDate`).
 */
export function DateInput({ id, legend, hint, value, error, onChange, onBlur }: DateInputProps) {
  const [parts, setParts] = useState<Parts>(() => split(value));
  // A value set from outside (a link, a reset) replaces what is in the boxes.
  useEffect(() => {
    setParts((current) => (joinDateParts(current) === value ? current : split(value)));
  }, [value]);

  const change = (part: keyof Parts, text: string) => {
    const next = { ...parts, [part]: text };
    setParts(next);
    onChange(joinDateParts(next));
  };
  const box = (part: keyof Parts, label: string, inputId: string, width: 2 | 4) => (
    <div className="nhsuk-date-input__item">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-date-input__label" htmlFor={inputId}>
          {label}
        </label>
        <input
          className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? ' nhsuk-input--error' : ''}`}
          id={inputId}
          name={inputId}
          type="text"
          inputMode="numeric"
          value={parts[part]}
          onChange={(e) => change(part, e.target.value)}
          onBlur={onBlur}
        />
      </div>
    </div>
  );
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} role="group">
      <div className="nhsuk-date-input">
        {box('day', 'Day', id, 2)}
        {box('month', 'Month', `${id}-month`, 2)}
        {box('year', 'Year', `${id}-year`, 4)}
      </div>
    </Fieldset>
  );
}
