import { type FormEvent, useEffect, useState } from 'react';
import {
  type AllocationDraft,
  type AllocationRequest,
  addPlace,
  allocationRequest,
  byLocalAuthority,
  draftErrors,
  draftFromGrouping,
  groupingPot,
  type IcbPractice,
  inputFor,
  newDraft,
  potEntered,
} from '../../allocation-form.ts';
import { ApiError } from '../../api.ts';
import { ErrorSummary, type FieldError, Select } from '../../components/forms.tsx';
import { type PlaceGrouping, type PracticesSource, useAllocation, useSaveGrouping } from '../../endpoints.ts';
import { required } from '../../validation.ts';
import { AllocationResults } from './AllocationResults.tsx';
import { MovePractices } from './MovePractices.tsx';
import { PlaceEditor } from './PlaceEditor.tsx';
import { MethodChoice, PaceEditor, PotSection } from './PotEditor.tsx';
import { SaveGrouping } from './SaveGrouping.tsx';

/** A value once it has stopped changing for `ms`: the allocation is asked for when typing pauses. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export interface AllocationFormProps {
  icb: string;
  icbName: string;
  year: AllocationRequest['year'];
  /** Where the practices and their populations come from, and when they were counted. */
  source: PracticesSource | undefined;
  practices: IcbPractice[];
  groupings: PlaceGrouping[];
  /** Whether the user may save groupings for this ICB (its commissioners and administrators). */
  canSave: boolean;
}

/**
 * The places of one ICB and its pot, the allocation worked out as they change, and saving the
 * grouping. Groupings are saved for the ICB and can be opened again under "Start from".
 */
export function AllocationForm(props: AllocationFormProps) {
  const { icb, icbName, year, source, practices, groupings, canSave } = props;
  const [draft, setDraft] = useState<AllocationDraft>(() => newDraft(byLocalAuthority(practices)));
  const [loaded, setLoaded] = useState<{ id: string; version: number } | null>(null);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const save = useSaveGrouping(icb);
  const tick = (code: string, on: boolean) =>
    setTicked((t) => {
      const next = new Set(t);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });

  const errors = draftErrors(draft);
  const entered = potEntered(draft);
  const requestText = errors.length ? '' : JSON.stringify(allocationRequest(icb, year, draft));
  const settled = useSettled(requestText, 300);
  const asked: AllocationRequest | null = settled ? JSON.parse(settled) : null;
  const allocation = useAllocation(asked);

  const saveErrors: FieldError[] = [
    ...errors,
    ...[
      { field: 'grouping-name', message: required(name, 'a name for the grouping') },
      { field: 'grouping-reason', message: required(reason, 'why you are saving it') },
    ].filter((e): e is FieldError => e.message !== undefined),
  ];
  const serverErrors = (error: Error | null): FieldError[] =>
    error instanceof ApiError
      ? error.fieldErrors().map((e) => ({ field: inputFor(e.field, draft), message: e.message }))
      : error
        ? [{ field: '', message: error.message }]
        : [];
  const allocationErrors = requestText ? serverErrors(allocation.error) : [];
  const saveServerErrors =
    save.error instanceof ApiError && save.error.status === 409
      ? [
          {
            field: 'grouping-start',
            message:
              'Someone else saved a newer version of this grouping while you were editing. Choose it again under Start from to see it, or save yours as a new grouping.',
          },
        ]
      : serverErrors(save.error);
  const summary = [...(submitted ? saveErrors : []), ...saveServerErrors, ...allocationErrors];
  const errorFor = (id: string) =>
    [...(submitted ? saveErrors : errors), ...allocationErrors].find((e) => e.field === id)?.message;

  const byCode = new Map(practices.map((p) => [p.code, p]));
  const update = (next: AllocationDraft) => {
    setDraft(next);
    save.reset();
  };
  const start = (id: string) => {
    const g = groupings.find((x) => x.id === id);
    const keep = draft.components.map((c) => ({ ...c, ringFences: [], floors: [] }));
    setDraft(
      g
        ? draftFromGrouping(g, draft)
        : { ...newDraft(byLocalAuthority(practices), keep), method: draft.method },
    );
    setLoaded(g ? { id: g.id, version: g.version } : null);
    setName(g?.name ?? '');
    setSubmitted(false);
    save.reset();
  };
  const submit = (asNew: boolean) => (event: FormEvent) => {
    event.preventDefault();
    if (!canSave) return;
    setSubmitted(true);
    if (saveErrors.length) return;
    const body = {
      name: name.trim(),
      places: draft.places.map((p) => ({ name: p.name.trim(), practices: p.practices })),
      pot: groupingPot(draft),
      reason: reason.trim(),
    };
    save.mutate(loaded && !asNew ? { ...body, id: loaded.id, version: loaded.version } : body, {
      onSuccess: (saved) => {
        setLoaded({ id: saved.id, version: saved.version });
        setReason('');
        setSubmitted(false);
      },
    });
  };
  const editor = { draft, errorFor, onChange: update };

  return (
    <form onSubmit={submit(false)} noValidate>
      <ErrorSummary errors={summary} focus={submitted || save.isError} />
      <Select
        id="grouping-start"
        label="Start from"
        hint="Practices grouped by the local authority they sit in, or a grouping saved for this ICB with its pot"
        value={loaded?.id ?? ''}
        options={[
          { value: '', text: 'By local authority' },
          ...groupings.map((g) => ({ value: g.id, text: `${g.name} (version ${g.version})` })),
        ]}
        onChange={start}
      />
      <h2>Places of {icbName}</h2>
      <p>
        Move a whole primary care network, or the practices you tick, into another place; or move one practice
        with the list beside it. A place needs at least one practice; remove a place once it is empty.
      </p>
      <MovePractices
        draft={draft}
        practices={practices}
        ticked={ticked}
        onMoved={(next) => {
          update(next);
          setTicked(new Set());
        }}
      />
      {draft.places.map((_, i) => (
        <PlaceEditor key={i} index={i} {...editor} byCode={byCode} ticked={ticked} onTick={tick} />
      ))}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() => update(addPlace(draft))}
      >
        Add a place
      </button>

      <PotSection {...editor} icbName={icbName} />
      <MethodChoice value={draft.method} onChange={(method) => update({ ...draft, method })} />
      <PaceEditor {...editor} />

      {allocation.data && requestText && (
        <AllocationResults
          report={allocation.data}
          names={new Map(asked?.pot.map((c) => [c.id, c.name]))}
          byCode={byCode}
          source={source}
          potEntered={entered && allocation.data.total.pence > 0}
          stale={allocation.isFetching}
          request={allocation.isPlaceholderData ? null : asked}
        />
      )}

      {canSave ? (
        <SaveGrouping
          icbName={icbName}
          potEntered={entered}
          name={name}
          reason={reason}
          onName={setName}
          onReason={setReason}
          errorFor={(field) => (submitted ? saveErrors.find((e) => e.field === field)?.message : undefined)}
          saved={
            save.data && { name: save.data.name, version: save.data.version, withPot: save.data.pot !== null }
          }
          loaded={loaded !== null}
          saving={save.isPending}
          onSaveAsNew={submit(true)}
        />
      ) : (
        <p>Groupings are saved by {icbName}'s commissioners; your roles let you try them here.</p>
      )}
    </form>
  );
}
