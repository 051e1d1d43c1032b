import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { editors, holdsOneOf } from '../../core/roles.ts';
import { blankArrangement, copyOf, fromTemplate } from '../arrangement-draft.ts';
import { steps } from '../arrangement-steps.ts';
import { ErrorSummary, Radios } from '../components/forms.tsx';
import { Link } from '../components/Link.tsx';
import { arrangementQuery, useArrangements, useTemplates } from '../endpoints.ts';
import { useSessionState } from '../hooks.ts';
import { navigate } from '../router.ts';
import type { Arrangement, StoredArrangement, User } from '../types.ts';
import { ArrangementFlow } from './flow/ArrangementFlow.tsx';

const base = '/arrangements/new';
const caption = 'Create an arrangement';
const firstQuestion = `${base}/${steps[0]?.slug}`;

/**
 * Creating an arrangement: start blank, from a care-model template or as a copy of one you
 * can see, then the question pages. The draft is kept in the tab (session storage) until it
 * is saved, so a reload does not lose it.
 */
export function CreateArrangement({ step, user }: { step: string | undefined; user: User }) {
  const [draft, setDraft] = useSessionState<Arrangement>('concordat:new-arrangement', blankArrangement);
  if (!holdsOneOf(user.roles, editors))
    return (
      <>
        <h1>Create an arrangement</h1>
        <p>Your role lets you read arrangements but not create them.</p>
      </>
    );
  const begin = (document: Arrangement) => {
    setDraft(document);
    navigate(firstQuestion);
  };
  if (step === undefined)
    return <HowToStart begin={begin} inProgress={draft.name !== '' ? draft.name : null} />;
  if (step === 'template') return <ChooseTemplate begin={begin} />;
  if (step === 'copy') return <ChooseCopy begin={begin} />;
  return (
    <ArrangementFlow
      base={base}
      step={step}
      start={base}
      caption={caption}
      draft={draft}
      setDraft={setDraft}
      stored={undefined}
      user={user}
      onSaved={(saved: StoredArrangement) => {
        setDraft(null);
        navigate(`/arrangements/${encodeURIComponent(saved.id)}?saved=${saved.version}`);
      }}
    />
  );
}

/** One question with radios and Continue, as the NHS question page pattern has it. */
function Question<V extends string>(props: {
  id: string;
  question: string;
  options: { value: V; text: string; hint?: string }[];
  back: string;
  missing: string;
  onContinue: (value: V) => void;
  busy?: boolean;
}) {
  const [value, setValue] = useState<V | undefined>();
  const [tried, setTried] = useState(false);
  const error = tried && value === undefined ? props.missing : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (value !== undefined) props.onContinue(value);
  };
  return (
    <>
      <Link className="nhsuk-back-link" href={props.back}>
        Back
      </Link>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={error ? [{ field: props.id, message: error }] : []} />
        <span className="nhsuk-caption-l">
          {caption}
          <span className="nhsuk-u-visually-hidden"> – </span>
        </span>
        <h1 className="nhsuk-heading-l">{props.question}</h1>
        <Radios
          id={props.id}
          legend={<span className="nhsuk-u-visually-hidden">{props.question}</span>}
          value={value}
          options={props.options}
          error={error}
          onChange={setValue}
        />
        <button className="nhsuk-button" type="submit" disabled={props.busy}>
          Continue
        </button>
      </form>
    </>
  );
}

function HowToStart({ begin, inProgress }: { begin: (a: Arrangement) => void; inProgress: string | null }) {
  return (
    <>
      {inProgress && (
        <div className="nhsuk-inset-text">
          <p>
            You have not saved “{inProgress}” yet. <Link href={firstQuestion}>Go back to it</Link>, or start
            again below.
          </p>
        </div>
      )}
      <Question
        id="start"
        question="How do you want to start?"
        back="/arrangements"
        missing="Choose how you want to start"
        options={[
          {
            value: 'blank',
            text: 'From nothing',
            hint: 'Add each commissioner, provider, service and fund yourself.',
          },
          {
            value: 'template',
            text: 'From a care model',
            hint: 'A model described in NHS England’s papers, with example organisations and amounts to replace.',
          },
          {
            value: 'copy',
            text: 'As a copy of an arrangement',
            hint: 'One you can see, to change as you need.',
          },
        ]}
        onContinue={(v) => (v === 'blank' ? begin(blankArrangement()) : navigate(`${base}/${v}`))}
      />
    </>
  );
}

function ChooseTemplate({ begin }: { begin: (a: Arrangement) => void }) {
  const templates = useTemplates();
  if (templates.isPending) return <p>Loading the care models…</p>;
  if (templates.error) return <p className="nhsuk-error-message">{templates.error.message}</p>;
  return (
    <Question
      id="template"
      question="Which care model do you want to start from?"
      back={base}
      missing="Choose a care model"
      options={templates.data.map((t) => ({
        value: t.id,
        text: t.title,
        hint: `${t.summary} From ${t.source}.`,
      }))}
      onContinue={(id) => {
        const chosen = templates.data.find((t) => t.id === id);
        if (chosen) begin(fromTemplate(chosen.document as Arrangement));
      }}
    />
  );
}

function ChooseCopy({ begin }: { begin: (a: Arrangement) => void }) {
  const list = useArrangements();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (list.isPending) return <p>Loading the arrangements you can see…</p>;
  if (list.error) return <p className="nhsuk-error-message">{list.error.message}</p>;
  if (list.data.length === 0)
    return (
      <>
        <h1>There is nothing to copy</h1>
        <p>
          You cannot see any arrangement yet. <Link href={base}>Start another way</Link>.
        </p>
      </>
    );
  return (
    <Question
      id="copy"
      question="Which arrangement do you want to copy?"
      back={base}
      missing="Choose the arrangement to copy"
      busy={busy}
      options={list.data.map((a) => ({ value: a.id, text: a.name, hint: `Version ${a.version}` }))}
      onContinue={async (id) => {
        setBusy(true);
        const stored = await client.fetchQuery(arrangementQuery(id));
        begin(copyOf(stored.document));
      }}
    />
  );
}
