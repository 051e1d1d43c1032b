import { type FormEvent, useState } from 'react';
import { formatDate } from '../../../core/dates.ts';
import { ApiError } from '../../api.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ErrorSummary, type FieldError, TextInput } from '../../components/forms.tsx';
import { Link } from '../../components/Link.tsx';
import { useSaveOperatingModel } from '../../operating-model-endpoints.ts';
import { type Part, partOf, pathOf, tidy } from '../../operating-model-form.ts';
import { navigate } from '../../router.ts';
import type { Finding } from '../../types.ts';
import { isoDate, required } from '../../validation.ts';
import { forgetDraft, useEditor } from './editor-state.tsx';
import { CheckStatus, findingCounts, useLiveCheck } from './parts.tsx';

const partNames: Record<Part, string> = {
  details: 'Name and date it takes effect',
  organisations: 'Organisations it names',
  board: 'Board',
  committees: 'Committees and joint committees',
  places: 'Places and their partnerships',
  collaboratives: 'Provider collaboratives',
  sord: 'Scheme of reservation and delegation',
  budgets: 'Delegated budgets',
};

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The status tag of a part: its form problems, else its findings. */
function Status({ id, problems, findings }: { id: string; problems: number; findings: Finding[] }) {
  const errors = findings.some((f) => f.severity === 'error');
  const [colour, text] = problems
    ? ['red', count(problems, 'problem to fix', 'problems to fix')]
    : findings.length
      ? [errors ? 'red' : 'orange', findingCounts(findings)]
      : ['', 'No findings'];
  return (
    <div className="nhsuk-task-list__status" id={id}>
      <strong
        className={`nhsuk-tag ${colour ? `nhsuk-tag--${colour}` : 'nhsuk-tag--no-colour nhsuk-tag--no-border nhsuk-u-font-weight-normal'}`}
      >
        {text}
      </strong>
    </div>
  );
}

/**
 * The editor's overview (the NHS task list): each part of the model with what the check
 * says about it, the date it checks on, and saving with a reason as a new version.
 */
export function Overview({ title }: { title: string }) {
  const { key, home, draft, base, on, setOn } = useEditor();
  const live = useLiveCheck(draft);
  const save = useSaveOperatingModel(key === 'new' ? undefined : key);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const findings = live.report?.findings ?? [];
  const inPart = (part: Part) => findings.filter((f) => partOf(pathOf(f.path)).part === part);
  const problemsIn = (part: Part) =>
    live.errors.filter((e) => partOf(pathOf(e.field.replaceAll('-', '.'))).part === part).length;
  const hints: Record<Part, string> = {
    details: `${draft.name}${draft.effective_from ? `, in force from ${formatDate(draft.effective_from)}` : ''}`,
    organisations: count(draft.organisations.length, 'organisation', 'organisations'),
    board: count(draft.board.members.length, 'member', 'members'),
    committees: count(draft.committees.length, 'committee', 'committees'),
    places: draft.places.map((p) => p.name).join(', ') || 'None yet',
    collaboratives: draft.collaboratives.map((c) => c.name).join(', ') || 'None yet',
    sord: count(draft.sord.length, 'decision', 'decisions'),
    budgets: draft.budgets?.icb_allocation
      ? `The ICB holds ${draft.budgets.icb_allocation}`
      : 'What the ICB holds is not entered',
  };

  const dateError = isoDate(on, 'the date to check on');
  const reasonError = required(reason, 'why you are making this change');
  const formErrors: FieldError[] = [
    ...(live.errors.length ? [{ field: '', message: 'Fix the problems shown against the parts below' }] : []),
    ...(reasonError ? [{ field: 'reason', message: reasonError }] : []),
  ];
  const serverErrors: FieldError[] =
    save.error instanceof ApiError && (save.error.status === 409 || save.error.status === 412)
      ? [
          {
            field: '',
            message:
              'Someone else saved a newer version while you were editing. Open the operating model again to see it, then make your change to it.',
          },
        ]
      : save.error instanceof ApiError
        ? save.error.fieldErrors().map((e) => ({ field: '', message: e.message }))
        : save.error
          ? [{ field: '', message: save.error.message }]
          : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (formErrors.length) return;
    save.mutate(
      { model: tidy(draft), reason: reason.trim(), version: base },
      {
        onSuccess: (saved) => {
          forgetDraft(key);
          navigate(`/ics/${encodeURIComponent(saved.id)}?saved=${saved.version}`);
        },
      },
    );
  };
  const leave = key === 'new' ? '/ics' : `/ics/${encodeURIComponent(key)}`;

  return (
    <>
      <ErrorSummary errors={[...(submitted ? formErrors : []), ...serverErrors]} />
      <span className="nhsuk-caption-l">{title}</span>
      <h1>{draft.name || 'Operating model'}</h1>
      <p>
        Change each part in turn. The check runs as you go against the rules in force on the date below, and
        shows what it finds beside each part. Nothing is saved until you save it with a reason.
      </p>
      <DateInput
        id="check-on"
        legend="Check against the rules in force on"
        hint="For example, 1 9 2023"
        value={on}
        error={dateError}
        onChange={setOn}
      />
      <CheckStatus live={live} />
      <ul className="nhsuk-task-list" data-testid="parts">
        {(Object.keys(partNames) as Part[]).map((part) => (
          <li className="nhsuk-task-list__item nhsuk-task-list__item--with-link" key={part}>
            <div className="nhsuk-task-list__name-and-hint">
              <Link
                className="nhsuk-task-list__link nhsuk-link"
                href={`${home}/${part}`}
                aria-describedby={`part-${part}-hint part-${part}-status`}
              >
                {partNames[part]}
              </Link>
              <div className="nhsuk-task-list__hint" id={`part-${part}-hint`}>
                {hints[part]}
              </div>
            </div>
            <Status id={`part-${part}-status`} problems={problemsIn(part)} findings={inPart(part)} />
          </li>
        ))}
      </ul>

      <form onSubmit={submit} noValidate>
        <h2 className="nhsuk-heading-m">Save</h2>
        {live.report && !live.report.lawful && (
          <p>
            The check finds {count(live.report.counts.error, 'error', 'errors')} on{' '}
            {formatDate(live.report.on)}. You can still save, for example to record work in progress.
          </p>
        )}
        <TextInput
          id="reason"
          label="Why are you making this change?"
          hint="This goes in the audit log with your name"
          value={reason}
          error={submitted ? reasonError : undefined}
          onChange={setReason}
        />
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="submit" disabled={save.isPending}>
            {key === 'new' ? 'Save the operating model' : 'Save a new version'}
          </button>
          <Link
            href={leave}
            onClick={() => {
              forgetDraft(key);
            }}
          >
            Discard your changes
          </Link>
        </div>
      </form>
    </>
  );
}
