import { type FormEvent, type ReactNode, useState } from 'react';
import { formatDate, today as todayInEngland } from '../../../core/dates.ts';
import { ApiError } from '../../api.ts';
import type { CatalogueService, Namer } from '../../arrangement-draft.ts';
import { arrangementErrors, fieldId, serverFieldId } from '../../arrangement-form.ts';
import { checkStep, nextStep, previousStep, stepOf, steps } from '../../arrangement-steps.ts';
import { ErrorSummary, type FieldError } from '../../components/forms.tsx';
import { Link } from '../../components/Link.tsx';
import {
  type CatalogueActivity,
  useActivityCatalogue,
  useDraftCheck,
  useServiceCatalogue,
} from '../../endpoints.ts';
import { useDebounced } from '../../hooks.ts';
import { navigate, useLocation } from '../../router.ts';
import type { Arrangement, Finding, StoredArrangement, User } from '../../types.ts';
import { ActivitiesStep } from './ActivitiesStep.tsx';
import { CheckAnswers } from './CheckAnswers.tsx';
import { FundingStep, FundsStep } from './MoneySteps.tsx';
import { NameStep } from './NameStep.tsx';
import { CommissionersStep, ProvidersStep } from './PartiesSteps.tsx';
import { PracticesStep } from './PracticesStep.tsx';
import { ServicesStep } from './ServicesStep.tsx';
import { SubcontractsStep } from './SubcontractsStep.tsx';
import { TermStep } from './TermStep.tsx';

/** What every question page is given. */
export interface StepProps {
  draft: Arrangement;
  change: (next: Arrangement) => void;
  /** The problem with a field, once the page should show it (after Continue, or from the server). */
  errorFor: (...path: (string | number)[]) => string | undefined;
  /** The latest check of the draft (empty until it is whole enough to check). */
  findings: readonly Finding[];
  services: readonly CatalogueService[];
  activities: readonly CatalogueActivity[];
  names: Namer;
  /** Says something happened that the page does not show by itself ("also removed …"). */
  announce: (message: string) => void;
  /** Changing a stored arrangement, whose parties are agreed apart from its document. */
  stored: StoredArrangement | undefined;
}

export interface FlowProps {
  /** `/arrangements/new` or `/arrangements/ID/change`: each page is at `${base}/${step}`. */
  base: string;
  step: string;
  /** Where Back goes from the first question. */
  start: string;
  /** Above each question: "Create an arrangement", or the arrangement's name. */
  caption: string;
  draft: Arrangement;
  setDraft: (draft: Arrangement) => void;
  stored: StoredArrangement | undefined;
  user: User;
  /** After saving: the draft is no longer needed. */
  onSaved: (saved: StoredArrangement) => void;
}

/** The check waits for these: the server's schema refuses an arrangement without them. */
const checkWaitsFor =
  'The check starts once the arrangement has a name, a commissioner, a provider and a service.';

/**
 * Creating or changing an arrangement as NHS question pages: one part of it per page, Back
 * and Continue, then "Check your answers" with every part and its Change link, and saving
 * with a reason. The draft is checked against the rules as it is written (a pause in typing
 * sends it to the server, nothing is kept there), and each finding is shown beside the field
 * it concerns on its page.
 */
export function ArrangementFlow(props: FlowProps) {
  const { base, step, draft, setDraft, stored } = props;
  const url = useLocation();
  const fromCheck = url.searchParams.get('from') === checkStep;
  const on = todayInEngland();
  const [attempted, setAttempted] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');

  const services = useServiceCatalogue(on).data ?? [];
  const activities = useActivityCatalogue(on).data ?? [];
  const names: Namer = {
    service: (id) => services.find((s) => s.service === id)?.title ?? id,
    party: (id) => [...draft.commissioners, ...draft.providers].find((p) => p.id === id)?.name ?? id,
  };

  const errors = arrangementErrors(draft);
  const checkable = errors.length === 0;
  const asked = useDebounced(checkable ? draft : null, 500);
  const check = useDraftCheck(asked, on);
  const current = checkable && asked === draft;
  const findings = checkable ? (check.data?.findings ?? []) : [];
  const serverProblems: FieldError[] =
    checkable && check.error instanceof ApiError
      ? check.error.fieldErrors().map((e) => ({ field: serverFieldId(e.field), message: e.message }))
      : [];

  const shown = (field: string) => attempted.has(stepOf(field)?.slug ?? '') || attempted.has(checkStep);
  const errorFor = (...path: (string | number)[]) => {
    const field = fieldId(...path);
    const mine = (e: FieldError) => e.field === field;
    return (shown(field) ? errors.find(mine)?.message : undefined) ?? serverProblems.find(mine)?.message;
  };
  const change = (next: Arrangement) => {
    setNotice('');
    setDraft(next);
  };
  const stepProps: StepProps = {
    draft,
    change,
    errorFor,
    findings,
    services,
    activities,
    names,
    announce: setNotice,
    stored,
  };

  const back = previousStep(step);
  // Changes to a stored arrangement start from "Check your answers", so Back leaves from there.
  const backHref = fromCheck
    ? `${base}/${checkStep}`
    : step === checkStep && stored
      ? props.start
      : back
        ? `${base}/${back}`
        : props.start;
  const status = (
    <div className="nhsuk-inset-text nhsuk-u-margin-top-0" aria-live="polite" data-testid="check-status">
      {!checkable ? (
        <p>{checkWaitsFor}</p>
      ) : serverProblems.length > 0 ? (
        <>
          <p>The check cannot run until these are put right:</p>
          <ul className="nhsuk-list">
            {serverProblems.map((e) => {
              const page = stepOf(e.field);
              return (
                <li key={`${e.field}:${e.message}`}>
                  {page ? (
                    <Link href={`${base}/${page.slug}#${e.field}`}>{page.name}</Link>
                  ) : (
                    'The arrangement'
                  )}
                  : {e.message}
                </li>
              );
            })}
          </ul>
        </>
      ) : check.data ? (
        <p>
          {current && !check.isFetching ? 'Checked' : 'Checking'} against the rules in force on{' '}
          {formatDate(on)}: {describeCounts(check.data.counts)}.
          {step !== checkStep && findings.length > 0 && ' Each finding is shown beside what it is about.'}
        </p>
      ) : (
        <p>Checking against the rules in force on {formatDate(on)}…</p>
      )}
    </div>
  );

  if (step === checkStep) {
    return (
      <>
        <Link className="nhsuk-back-link" href={backHref}>
          Back
        </Link>
        <CheckAnswers
          {...stepProps}
          base={base}
          caption={props.caption}
          status={status}
          report={checkable ? check.data : undefined}
          errors={errors}
          user={props.user}
          onAttempt={() => setAttempted(new Set([checkStep]))}
          onSaved={props.onSaved}
        />
      </>
    );
  }

  const page = steps.find((s) => s.slug === step);
  if (!page) return <p>There is no such question. Go back to the arrangement.</p>;
  const stepErrors = errors.filter((e) => stepOf(e.field)?.slug === step || e.field === step);
  const summary = [
    ...(attempted.has(step) ? stepErrors : []),
    ...serverProblems.filter((e) => stepOf(e.field)?.slug === step),
  ];
  const proceed = (event: FormEvent) => {
    event.preventDefault();
    if (stepErrors.length > 0) {
      setAttempted(new Set(attempted).add(step));
      return;
    }
    navigate(fromCheck ? `${base}/${checkStep}` : `${base}/${nextStep(step)}`);
  };

  const content: Record<string, (p: StepProps) => ReactNode> = {
    name: NameStep,
    commissioners: CommissionersStep,
    providers: ProvidersStep,
    services: ServicesStep,
    funds: FundsStep,
    funding: FundingStep,
    practices: PracticesStep,
    subcontracts: SubcontractsStep,
    activities: ActivitiesStep,
    term: TermStep,
  };
  const Content = content[step] as (p: StepProps) => ReactNode;
  return (
    <>
      <Link className="nhsuk-back-link" href={backHref}>
        Back
      </Link>
      <form onSubmit={proceed} noValidate>
        <ErrorSummary errors={summary} />
        <span className="nhsuk-caption-l">
          {props.caption}
          <span className="nhsuk-u-visually-hidden"> – </span>
        </span>
        <h1 className="nhsuk-heading-l">{page.question}</h1>
        {status}
        {notice && (
          <div className="nhsuk-inset-text" role="status">
            <p>{notice}</p>
          </div>
        )}
        <Content {...stepProps} />
        <button className="nhsuk-button" type="submit">
          {fromCheck ? 'Back to check your answers' : 'Continue'}
        </button>
      </form>
      {!fromCheck && (
        <p>
          <Link href={`${base}/${checkStep}`}>Check your answers and save</Link>
        </p>
      )}
    </>
  );
}

export function describeCounts(counts: { error: number; warning: number; information: number }): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `${n(counts.error, 'error', 'errors')}, ${n(counts.warning, 'warning', 'warnings')}, ${counts.information} for information`;
}
