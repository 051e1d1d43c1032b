import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { formatDate } from '../../../core/dates.ts';
import { ApiError } from '../../api.ts';
import { ErrorSummary, type FieldError } from '../../components/forms.tsx';
import { BackLink, Link } from '../../components/Link.tsx';
import { RuleSource } from '../../components/RuleSource.tsx';
import { type DraftReport, type OperatingModel, useDraftCheck } from '../../operating-model-endpoints.ts';
import { isUnder, modelErrors, type Path, pathOf, tidy } from '../../operating-model-form.ts';
import type { Finding } from '../../types.ts';
import { severityTag } from '../findings.tsx';
import { useEditor } from './editor-state.tsx';

/** `value`, once it has stopped changing for `ms`: the check waits for typing to pause. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface LiveCheck {
  /** The form's own problems; while there are any, the model is not sent to be checked. */
  errors: FieldError[];
  report: DraftReport | undefined;
  pending: boolean;
  /** What the server refused (references that do not match), each against its field. */
  refused: FieldError[];
  failed: string | undefined;
}

/** The check of `model` on the editor's date, run again a moment after each change. */
export function useLiveCheck(model: OperatingModel): LiveCheck {
  const { on } = useEditor();
  const errors = modelErrors(model);
  const settled = useSettled(errors.length ? '' : JSON.stringify(tidy(model)), 300);
  const check = useDraftCheck(settled ? (JSON.parse(settled) as OperatingModel) : undefined, on);
  const refusal = check.error instanceof ApiError && check.error.status === 400 ? check.error : undefined;
  return {
    errors,
    report: errors.length || check.isError ? undefined : check.data,
    pending: check.isFetching || (errors.length === 0 && settled === ''),
    refused: refusal ? refusal.fieldErrors() : [],
    failed: check.error && !refusal ? check.error.message : undefined,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the check says overall, or why it is waiting, announced politely as it changes. */
export function CheckStatus({ live }: { live: LiveCheck }) {
  const { on } = useEditor();
  let text: ReactNode;
  if (live.errors.length) text = 'The check runs again once the problems on this page are fixed.';
  else if (live.refused.length)
    text = <>The check cannot run: {live.refused.map((e) => e.message).join('; ')}.</>;
  else if (live.failed) text = `The check did not run: ${live.failed}`;
  else if (!live.report) text = 'Checking…';
  else {
    const { counts } = live.report;
    text = `${live.report.lawful ? 'Lawful' : 'Not lawful'} on ${formatDate(live.report.on)}: ${plural(counts.error, 'error', 'errors')}, ${plural(counts.warning, 'warning', 'warnings')}, ${counts.information} for information.`;
  }
  return (
    <p className="nhsuk-body-s concordat-check-status" aria-live="polite" data-testid="check-status">
      {live.errors.length === 0 && live.pending && live.report ? `Checking on ${formatDate(on)}… ` : ''}
      {text}
    </p>
  );
}

/** The findings about `at` (and what lies under it, but not under `except`), each with its rule and sources. */
export function FindingsBeside({
  report,
  at,
  except = [],
  label,
}: {
  report: DraftReport | undefined;
  at: Path;
  except?: Path[];
  /** What the findings are about, for screen readers: "Dudley place". */
  label: string;
}) {
  const found = findingsAt(report?.findings ?? [], at, except);
  if (found.length === 0) return null;
  return (
    <section className="concordat-findings-beside" aria-label={`What the check says about ${label}`}>
      <ul className="nhsuk-list" data-testid="findings-beside">
        {found.map((f, i) => {
          const tag = severityTag[f.severity];
          return (
            <li
              key={`${f.rule}:${f.path}:${i}`}
              className={`concordat-finding concordat-finding--${f.severity}`}
            >
              <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.text}</strong>
              <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-1">
                <strong>{f.rule_title}</strong>
              </p>
              <p className="nhsuk-u-margin-bottom-1">{f.message}</p>
              <RuleSource
                rule={f.rule}
                citations={f.citations}
                provenance={f.provenance}
                about={f.rule_title}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function findingsAt(findings: Finding[], at: Path, except: Path[] = []): Finding[] {
  return findings.filter((f) => {
    const path = pathOf(f.path);
    return isUnder(path, at) && !except.some((e) => isUnder(path, e));
  });
}

/** "2 not allowed, 1 needs attention", or "No findings". */
export function findingCounts(findings: Finding[]): string {
  if (findings.length === 0) return 'No findings';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const rest = findings.length - errors;
  return [errors ? `${errors} not allowed` : '', rest ? `${rest} to look at` : ''].filter(Boolean).join(', ');
}

/**
 * One question page: a back link, the heading, an error summary when Continue finds
 * problems, the questions, and Continue. Continue runs `onContinue` only when there are none;
 * until it is first pressed, `children` is given no field's message (nobody is told off for
 * a box they have not reached).
 */
export function QuestionPage({
  back,
  caption,
  title,
  errors,
  onContinue,
  continueText = 'Continue',
  children,
}: {
  back: string;
  caption: string;
  title: string;
  errors: FieldError[];
  onContinue: () => void;
  continueText?: string;
  children: (errorFor: (field: string) => string | undefined) => ReactNode;
}) {
  const [submitted, setSubmitted] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.length === 0) onContinue();
  };
  return (
    <>
      <BackLink href={back}>Back</BackLink>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={submitted ? errors : []} />
        <span className="nhsuk-caption-l">{caption}</span>
        <h1>{title}</h1>
        {children((field) => (submitted ? errors.find((e) => e.field === field)?.message : undefined))}
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="submit">
            {continueText}
          </button>
          <Link href={back}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
