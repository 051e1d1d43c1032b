import { type FormEvent, type ReactNode, useState } from 'react';
import { editors, holdsOneOf } from '../../../core/roles.ts';
import { ApiError } from '../../api.ts';
import { namedParties } from '../../arrangement-draft.ts';
import { serverFieldId } from '../../arrangement-form.ts';
import { checkStep, findingField, stepOf, steps } from '../../arrangement-steps.ts';
import { ErrorSummary, type FieldError, TextInput } from '../../components/forms.tsx';
import { useCreateArrangement, useProposePartyChange, useSaveArrangement } from '../../endpoints.ts';
import type { CheckReport, StoredArrangement, User } from '../../types.ts';
import { required } from '../../validation.ts';
import { ArrangementSummary } from '../ArrangementSummary.tsx';
import { Findings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';

/** A problem with a field on a question page, linked to that page (and the field on it). */
function onItsPage(base: string, e: FieldError): FieldError {
  const step = stepOf(e.field);
  return step ? { ...e, href: `${base}/${step.slug}?from=${checkStep}#${e.field}` } : { ...e, field: '' };
}

/**
 * "Check your answers": every part with its Change link, everything the check found grouped
 * by the part it concerns, and saving with a reason (a new arrangement, or a new version of
 * the stored one over the version the changes started from).
 */
export function CheckAnswers(
  props: StepProps & {
    base: string;
    caption: string;
    status: ReactNode;
    report: CheckReport | undefined;
    errors: FieldError[];
    user: User;
    onAttempt: () => void;
    onSaved: (saved: StoredArrangement) => void;
  },
) {
  const { draft, stored, base, errors, findings } = props;
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateArrangement();
  const save = useSaveArrangement(stored?.id ?? '');
  const saving = stored ? save : create;

  const reasonError = required(reason, stored ? 'why you are making this change' : 'why you are creating it');
  const local = submitted
    ? [
        ...errors.map((e) => onItsPage(base, e)),
        ...(reasonError ? [{ field: 'reason', message: reasonError }] : []),
      ]
    : [];
  const failed = saving.error;
  const serverErrors: FieldError[] =
    failed instanceof ApiError
      ? failed.status === 409
        ? [
            {
              field: '',
              message:
                'Someone else saved a newer version while you were working. Open the arrangement again to see it, then make your changes to that version.',
            },
          ]
        : [
            ...failed.fieldErrors().map((e) => {
              const field = serverFieldId(e.field);
              const step = stepOf(field);
              return onItsPage(base, { field, message: `${step ? `${step.name}: ` : ''}${e.message}` });
            }),
            ...(failed.status === 422 ? [{ field: '', message: failed.message }] : []),
          ]
      : failed
        ? [{ field: '', message: failed.message }]
        : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    props.onAttempt();
    if (errors.length > 0 || reasonError) return;
    const body = { arrangement: draft, reason: reason.trim() };
    if (stored) save.mutate({ ...body, version: stored.version }, { onSuccess: props.onSaved });
    else create.mutate(body, { onSuccess: props.onSaved });
  };

  const grouped = steps
    .map((step) => ({ step, found: findings.filter((f) => stepOf(findingField(f))?.slug === step.slug) }))
    .filter((g) => g.found.length > 0);
  const elsewhere = findings.filter((f) => !stepOf(findingField(f)));
  const mayCreate =
    stored || namedParties(draft).some((p) => holdsOneOf(props.user.roles, editors, [p.code]));

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={[...local, ...serverErrors]} />
      <span className="nhsuk-caption-l">
        {props.caption}
        <span className="nhsuk-u-visually-hidden"> – </span>
      </span>
      <h1 className="nhsuk-heading-l">Check your answers before saving</h1>
      {props.status}
      <ArrangementSummary
        arrangement={draft}
        names={props.names}
        activities={props.activities}
        changeHref={(step) => `${base}/${step}?from=${checkStep}`}
      />

      <h2 id="found-title">What the check found</h2>
      {!props.report && <p>The check has not run yet: see above.</p>}
      {props.report && findings.length === 0 && (
        <p>The rules in force today have nothing to say about this arrangement.</p>
      )}
      {grouped.map(({ step, found }) => (
        <section key={step.slug} aria-labelledby={`found-${step.slug}`}>
          <h3 id={`found-${step.slug}`}>{step.name}</h3>
          <Findings findings={found} />
        </section>
      ))}
      {elsewhere.length > 0 && (
        <section aria-labelledby="found-elsewhere">
          <h3 id="found-elsewhere">About the arrangement as a whole</h3>
          <Findings findings={elsewhere} />
        </section>
      )}

      {stored && <PartyChanges stored={stored} draft={draft} reason={reason} />}
      {!mayCreate && (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Your organisation is not in it
            </span>
          </h3>
          <p>
            You can create an arrangement only for an organisation you hold a commissioning role for: add it
            as a commissioner or provider first.
          </p>
        </div>
      )}

      <TextInput
        id="reason"
        label={stored ? 'Why are you making this change?' : 'Why are you creating it?'}
        hint="This goes in the audit log with your name"
        value={reason}
        error={submitted ? reasonError : undefined}
        onChange={setReason}
      />
      <button className="nhsuk-button" type="submit" disabled={saving.isPending}>
        {stored ? 'Save as a new version' : 'Create the arrangement'}
      </button>
    </form>
  );
}

/**
 * The parties the changed document names against the stored ones. A difference must be
 * proposed and accepted before the version can be saved (the server refuses it otherwise);
 * proposing it here, with the reason given below, starts that.
 */
function PartyChanges({
  stored,
  draft,
  reason,
}: {
  stored: StoredArrangement;
  draft: StepProps['draft'];
  reason: string;
}) {
  const propose = useProposePartyChange(stored.id);
  const [outcomes, setOutcomes] = useState<string[]>([]);
  const named = namedParties(draft);
  const adding = named.filter((p) => !stored.parties.includes(p.code));
  const removing = stored.parties.filter((code) => !named.some((p) => p.code === code));
  if (adding.length === 0 && removing.length === 0) return null;
  const name = (code: string) => {
    const found = [...stored.document.commissioners, ...stored.document.providers].find(
      (p) => p.ods === code,
    );
    return found ? `${found.name} (${code})` : code;
  };
  const proposeAll = async () => {
    const done: string[] = [];
    for (const p of adding) {
      try {
        const change = await propose.mutateAsync({
          change: 'add',
          organisation: p.code,
          side: p.side,
          reason: reason.trim(),
        });
        done.push(settled(`${p.name} (${p.code}) as a ${p.side}`, change.status, change.awaiting.map(name)));
      } catch (e) {
        done.push(`${p.name} (${p.code}): ${(e as Error).message}`);
      }
    }
    for (const code of removing) {
      try {
        const change = await propose.mutateAsync({
          change: 'remove',
          organisation: code,
          reason: reason.trim(),
        });
        done.push(settled(`removing ${name(code)}`, change.status, change.awaiting.map(name)));
      } catch (e) {
        done.push(`${name(code)}: ${(e as Error).message}`);
      }
    }
    setOutcomes(done);
  };
  return (
    <div className="nhsuk-warning-callout" data-testid="party-changes">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>This changes who is party to it
        </span>
      </h3>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {adding.map((p) => (
          <li key={p.code}>
            {p.name} ({p.code}) would become a party as a {p.side}.
          </li>
        ))}
        {removing.map((code) => (
          <li key={code}>{name(code)} would stop being a party.</li>
        ))}
      </ul>
      <p>
        Every commissioning party must accept a change of parties before this version can be saved. Give your
        reason below, then propose the change; the other parties accept it on the arrangement’s page.
      </p>
      {outcomes.length > 0 && (
        <ul className="nhsuk-list" role="status">
          {outcomes.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
        disabled={reason.trim() === '' || propose.isPending}
        onClick={() => void proposeAll()}
      >
        Propose the change of parties
      </button>
    </div>
  );
}

function settled(what: string, status: string, awaiting: string[]): string {
  return status === 'applied'
    ? `Done: ${what}.`
    : `Proposed: ${what}. It awaits ${awaiting.join(', ') || 'the other commissioning parties'}.`;
}
