import { type FormEvent, useEffect, useState } from 'react';
import {
  type AllocationDraft,
  type AllocationRequest,
  addPlace,
  allocationRequest,
  byLocalAuthority,
  draftErrors,
  type IcbPractice,
  inputFor,
  newDraft,
} from '../../allocation-form.ts';
import { ApiError } from '../../api.ts';
import { Checkbox, ErrorSummary, type FieldError, Select, TextInput } from '../../components/forms.tsx';
import { type PlaceGrouping, useAllocation, useSaveGrouping } from '../../endpoints.ts';
import { required } from '../../validation.ts';
import { AllocationResults } from './AllocationResults.tsx';
import { MovePractices } from './MovePractices.tsx';
import { PlaceEditor } from './PlaceEditor.tsx';
import { ComponentEditor, MethodChoice } from './PotEditor.tsx';

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
  year: string;
  practices: IcbPractice[];
  groupings: PlaceGrouping[];
}

/**
 * The places of one ICB and its pot, the allocation worked out as they change, and saving the
 * grouping. Groupings are saved for the ICB and can be opened again under "Start from".
 */
export function AllocationForm({ icb, icbName, year, practices, groupings }: AllocationFormProps) {
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
    setDraft({ ...newDraft(g ? g.places : byLocalAuthority(practices), keep), method: draft.method });
    setLoaded(g ? { id: g.id, version: g.version } : null);
    setName(g?.name ?? '');
    setSubmitted(false);
    save.reset();
  };
  const submit = (asNew: boolean) => (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (saveErrors.length) return;
    const body = {
      name: name.trim(),
      places: draft.places.map((p) => ({ name: p.name.trim(), practices: p.practices })),
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

  return (
    <form onSubmit={submit(false)} noValidate>
      <ErrorSummary errors={summary} focus={submitted || save.isError} />
      <Select
        id="grouping-start"
        label="Start from"
        hint="Practices grouped by the local authority they sit in, or a grouping saved for this ICB"
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
      {draft.places.map((p, i) => (
        <PlaceEditor
          key={i}
          index={i}
          draft={draft}
          byCode={byCode}
          errorFor={errorFor}
          onChange={update}
          ticked={ticked}
          onTick={tick}
        />
      ))}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() => update(addPlace(draft))}
      >
        Add a place
      </button>

      <h2>The pot</h2>
      <p>
        Each component is shared by the need for its service: ring-fenced money first, then the rest by each
        place's share of the weighted population, with floors (investment guarantees such as the mental health
        investment standard) honoured.
      </p>
      {draft.components.map((c, k) => (
        <ComponentEditor key={k} index={k} draft={draft} errorFor={errorFor} onChange={update} />
      ))}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() =>
          update({
            ...draft,
            components: [
              ...draft.components,
              {
                name: `Component ${draft.components.length + 1}`,
                amount: '£0.00',
                basis: 'core-overall',
                ringFences: draft.places.map(() => ''),
                floors: draft.places.map(() => ''),
              },
            ],
          })
        }
      >
        Add a component
      </button>

      <MethodChoice value={draft.method} onChange={(method) => update({ ...draft, method })} />

      <h2>Pace of change</h2>
      <div className="nhsuk-checkboxes nhsuk-form-group">
        <Checkbox
          id="pace-on"
          label="Move places towards their targets from their current allocations"
          checked={draft.pace.on}
          onChange={(on) => update({ ...draft, pace: { ...draft.pace, on } })}
        />
      </div>
      {draft.pace.on && (
        <>
          <TextInput
            id="pace"
            label="Pace of change"
            hint="The share of the gap between current allocation and target closed this year, like 25%"
            value={draft.pace.percent}
            error={errorFor('pace')}
            onChange={(percent) => update({ ...draft, pace: { ...draft.pace, percent } })}
            width={10}
          />
          {draft.places.map((p, i) => (
            <TextInput
              key={i}
              id={`current-${i}`}
              label={`Current allocation of ${p.name}`}
              hint="In pounds, like £600,000,000.00"
              value={draft.pace.current[i] ?? ''}
              error={errorFor(`current-${i}`)}
              onChange={(v) =>
                update({
                  ...draft,
                  pace: { ...draft.pace, current: draft.pace.current.map((x, k) => (k === i ? v : x)) },
                })
              }
              width={20}
            />
          ))}
        </>
      )}

      {allocation.data && requestText && (
        <AllocationResults
          report={allocation.data}
          names={new Map(asked?.pot.map((c) => [c.id, c.name]))}
          stale={allocation.isFetching}
          request={allocation.isPlaceholderData ? null : asked}
        />
      )}

      <h2>Save the grouping</h2>
      <p>Saving keeps the places and their practices for {icbName}; the pot is not saved.</p>
      <TextInput
        id="grouping-name"
        label="Name of the grouping"
        value={name}
        error={submitted ? saveErrors.find((e) => e.field === 'grouping-name')?.message : undefined}
        onChange={setName}
        width={30}
      />
      <TextInput
        id="grouping-reason"
        label="Why you are saving it"
        hint="Kept in the audit log"
        value={reason}
        error={submitted ? saveErrors.find((e) => e.field === 'grouping-reason')?.message : undefined}
        onChange={setReason}
      />
      {save.isSuccess && (
        <div className="nhsuk-inset-text" role="status">
          <p>
            Saved “{save.data.name}” as version {save.data.version}.
          </p>
        </div>
      )}
      <div className="nhsuk-button-group">
        <button type="submit" className="nhsuk-button" disabled={save.isPending}>
          {loaded ? 'Save changes to the grouping' : 'Save grouping'}
        </button>
        {loaded && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={save.isPending}
            onClick={submit(true)}
          >
            Save as a new grouping
          </button>
        )}
      </div>
    </form>
  );
}
