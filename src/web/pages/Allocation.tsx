import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { formatPounds } from '../../core/money.ts';
import type { AllocationReport } from '../../finance/report.ts';
import type { AllocationBasis } from '../../system/weighted-populations.ts';
import {
  type AllocationDraft,
  type AllocationMethodChoice,
  type AllocationRequest,
  addPlace,
  allocationRequest,
  byLocalAuthority,
  draftErrors,
  type IcbPractice,
  inNoPcn,
  inputFor,
  movePractice,
  newDraft,
  removePlace,
  renamePlace,
} from '../allocation-form.ts';
import { ApiError } from '../api.ts';
import { Chart, type PlotModule } from '../components/Chart.tsx';
import { Downloads, PaperButton, type Resource } from '../components/Downloads.tsx';
import { Checkbox, ErrorSummary, type FieldError, Select, TextInput } from '../components/forms.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import {
  type PlaceGrouping,
  useAllocation,
  useGroupings,
  useIcbPractices,
  useSaveGrouping,
} from '../endpoints.ts';
import { formatCount } from '../format.ts';
import { organisationName } from '../names.ts';
import { required } from '../validation.ts';
import { MovePractices } from './MovePractices.tsx';

/** Which weighted population a component follows, in the words of NHS England's allocation tool. */
const bases: Record<AllocationBasis, string> = {
  'core-overall': 'Core services overall',
  'general-and-acute': 'General and acute',
  community: 'Community services',
  'mental-health': 'Mental health',
  maternity: 'Maternity',
  prescribing: 'Prescribing',
  'health-inequalities': 'Health inequalities',
  'primary-medical-care': 'Primary medical care (Final PMC WP)',
  'primary-medical-care-need': 'Primary medical care need (Primary Medical Care WP)',
  population: 'Registered population (no weighting)',
};
const basisOptions = Object.entries(bases).map(([value, text]) => ({ value, text }));

/** A value once it has stopped changing for `ms`: the allocation is asked for when typing pauses. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Place allocation: choose an ICB, group its practices into places (by local authority to
 * start), set the pot's components with ring-fences, floors and a pace of change, and see
 * relative need indices and allocations from NHS England's weighted populations as you go.
 * Groupings are saved for the ICB and can be loaded again.
 */
export function Allocation() {
  const [icbText, setIcbText] = useState('QUA');
  const icb = /^[A-Z0-9]{3}$/.test(icbText) ? icbText : '';
  const practices = useIcbPractices(icb);
  const groupings = useGroupings(icb);
  return (
    <>
      <h1>Place allocation</h1>
      <p className="nhsuk-lede-text">
        Share an integrated care board's budget between its places by need, using NHS England's weighted
        populations for each GP practice.
      </p>
      <TextInput
        id="icb"
        label="ICB code"
        hint="For example, QUA for NHS Black Country ICB"
        value={icbText}
        onChange={(v) => setIcbText(v.trim().toUpperCase())}
        error={icb ? undefined : 'Enter an ICB code of 3 letters or digits, like QUA'}
        width={10}
      />
      {icb && practices.isPending && <p>Finding the ICB's practices…</p>}
      {practices.error && <p className="nhsuk-error-message">{practices.error.message}</p>}
      {practices.data && (
        <AllocationForm
          key={icb}
          icb={icb}
          icbName={practices.data.icb_name}
          year={practices.data.year}
          practices={practices.data.practices}
          groupings={groupings.data ?? []}
        />
      )}
      <OglAttribution />
    </>
  );
}

interface FormProps {
  icb: string;
  icbName: string;
  year: string;
  practices: IcbPractice[];
  groupings: PlaceGrouping[];
}

function AllocationForm({ icb, icbName, year, practices, groupings }: FormProps) {
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
        <AllocationResult
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

interface EditorProps {
  index: number;
  draft: AllocationDraft;
  errorFor: (id: string) => string | undefined;
  onChange: (draft: AllocationDraft) => void;
}

function PlaceEditor({
  index: i,
  draft,
  byCode,
  errorFor,
  onChange,
  ticked,
  onTick,
}: EditorProps & {
  byCode: Map<string, IcbPractice>;
  ticked: ReadonlySet<string>;
  onTick: (code: string, on: boolean) => void;
}) {
  const place = draft.places[i] as AllocationDraft['places'][number];
  const population = place.practices.reduce((t, c) => t + Number(byCode.get(c)?.population ?? 0), 0);
  const practicesError = errorFor(`place-${i}-practices`);
  const options = draft.places.map((p, k) => ({ value: String(k), text: p.name || `Place ${k + 1}` }));
  return (
    <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4" data-testid={`place-${i}`}>
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Place {i + 1}</legend>
      <TextInput
        id={`place-${i}-name`}
        label={`Name of place ${i + 1}`}
        value={place.name}
        error={errorFor(`place-${i}-name`)}
        onChange={(v) => onChange(renamePlace(draft, i, v))}
        width={20}
      />
      <div id={`place-${i}-practices`} className={practicesError ? 'nhsuk-form-group--error' : undefined}>
        {practicesError && (
          <span className="nhsuk-error-message">
            <span className="nhsuk-u-visually-hidden">Error:</span> {practicesError}
          </span>
        )}
        <p className="nhsuk-body-s">
          {formatCount(place.practices.length)} {place.practices.length === 1 ? 'practice' : 'practices'},
          registered population {formatCount(Math.round(population))}
        </p>
      </div>
      {place.practices.length > 0 ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Practices in {place.name || `place ${i + 1}`}</span>
          </summary>
          <div className="nhsuk-details__text">
            <ScrollBox label="Table">
              <table className="nhsuk-table">
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">Tick to move</th>
                    <th scope="col">Practice</th>
                    <th scope="col">Local authority</th>
                    <th scope="col">Place</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {place.practices.map((code) => {
                    const p = byCode.get(code);
                    return (
                      <tr key={code}>
                        <td>
                          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                            <div className="nhsuk-checkboxes__item">
                              <input
                                className="nhsuk-checkboxes__input"
                                type="checkbox"
                                id={`tick-${code}`}
                                checked={ticked.has(code)}
                                onChange={(e) => onTick(code, e.target.checked)}
                              />
                              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`tick-${code}`}>
                                <span className="nhsuk-u-visually-hidden">Tick {p?.name ?? code}</span>
                              </label>
                            </div>
                          </div>
                        </td>
                        <td>
                          {organisationName(p?.name ?? code)} ({code})
                          {p?.pcn_name && !inNoPcn(p) && (
                            <span className="concordat-secondary">{organisationName(p.pcn_name)}</span>
                          )}
                        </td>
                        <td>{p?.local_authority_name ?? ''}</td>
                        <td>
                          <label className="nhsuk-u-visually-hidden" htmlFor={`practice-${code}`}>
                            Place for {code} {p?.name ?? ''}
                          </label>
                          <select
                            className="nhsuk-select"
                            id={`practice-${code}`}
                            value={String(i)}
                            onChange={(e) => onChange(movePractice(draft, code, Number(e.target.value)))}
                          >
                            {options.map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.text}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollBox>
          </div>
        </details>
      ) : (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => onChange(removePlace(draft, i))}
        >
          Remove {place.name || `place ${i + 1}`}
        </button>
      )}
    </fieldset>
  );
}

function ComponentEditor({ index: k, draft, errorFor, onChange }: EditorProps) {
  const c = draft.components[k] as AllocationDraft['components'][number];
  const set = (patch: Partial<typeof c>) =>
    onChange({ ...draft, components: draft.components.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
  const at = (list: string[], i: number, v: string) => list.map((x, j) => (j === i ? v : x));
  return (
    <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Component {k + 1}</legend>
      <TextInput
        id={`component-${k}-name`}
        label="Name"
        value={c.name}
        error={errorFor(`component-${k}-name`)}
        onChange={(name) => set({ name })}
        width={20}
      />
      <TextInput
        id={`component-${k}-amount`}
        label={`Amount of ${c.name || `component ${k + 1}`}`}
        hint="In pounds, like £100,000,000.00"
        value={c.amount}
        error={errorFor(`component-${k}-amount`)}
        onChange={(amount) => set({ amount })}
        width={20}
      />
      <Select
        id={`component-${k}-basis`}
        label="Share by the need for"
        value={c.basis}
        options={basisOptions}
        onChange={(basis) => set({ basis })}
      />
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            Ring-fences and floors for {c.name || `component ${k + 1}`}
          </span>
        </summary>
        <div className="nhsuk-details__text">
          {draft.places.map((p, i) => (
            <div className="nhsuk-grid-row" key={i}>
              <div className="nhsuk-grid-column-one-half">
                <TextInput
                  id={`component-${k}-place-${i}-ring-fence`}
                  label={`Ring-fenced for ${p.name}`}
                  hint="Optional, in pounds"
                  value={c.ringFences[i] ?? ''}
                  error={errorFor(`component-${k}-place-${i}-ring-fence`)}
                  onChange={(v) => set({ ringFences: at(c.ringFences, i, v) })}
                  width={20}
                />
              </div>
              <div className="nhsuk-grid-column-one-half">
                <TextInput
                  id={`component-${k}-place-${i}-floor`}
                  label={`Floor for ${p.name}`}
                  hint="Optional: the least it may get, in pounds"
                  value={c.floors[i] ?? ''}
                  error={errorFor(`component-${k}-place-${i}-floor`)}
                  onChange={(v) => set({ floors: at(c.floors, i, v) })}
                  width={20}
                />
              </div>
            </div>
          ))}
        </div>
      </details>
      {draft.components.length > 1 && (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => onChange({ ...draft, components: draft.components.filter((_, j) => j !== k) })}
        >
          Remove {c.name || `component ${k + 1}`}
        </button>
      )}
    </fieldset>
  );
}

const methods: { value: AllocationMethodChoice; text: string; hint: string }[] = [
  {
    value: 'exact',
    text: 'Exact',
    hint: 'Weighted populations and need indices exactly as the data give them.',
  },
  {
    value: 'nhse-tool',
    text: "As NHS England's place-based allocation tool",
    hint: 'Weighted populations rounded to whole people and need indices to 3 decimal places, half up.',
  },
];

/** The two ways of working out need, as radios (the report names the one used). */
function MethodChoice(props: {
  value: AllocationMethodChoice;
  onChange: (m: AllocationMethodChoice) => void;
}) {
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset" aria-describedby="method-hint">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
          <h2 className="nhsuk-fieldset__heading">Method</h2>
        </legend>
        <div className="nhsuk-hint" id="method-hint">
          How weighted populations and need indices are rounded.
        </div>
        <div className="nhsuk-radios">
          {methods.map((m) => (
            <div className="nhsuk-radios__item" key={m.value}>
              <input
                className="nhsuk-radios__input"
                id={`method-${m.value}`}
                name="method"
                type="radio"
                value={m.value}
                checked={props.value === m.value}
                aria-describedby={`method-${m.value}-hint`}
                onChange={() => props.onChange(m.value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`method-${m.value}`}>
                {m.text}
              </label>
              <div className="nhsuk-hint nhsuk-radios__hint" id={`method-${m.value}-hint`}>
                {m.hint}
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

type PlaceResult = AllocationReport['places'][number];

function AllocationResult(props: {
  report: AllocationReport;
  names: Map<string, string>;
  stale: boolean;
  /** The request this report answers: downloads send it again, so they hold exactly these figures. */
  request: AllocationRequest | null;
}) {
  const { report, names, stale, request } = props;
  const resource: Resource | null = request && { path: '/api/allocations', post: { body: request } };
  const components = report.places[0]?.components ?? [];
  const paced = report.places.some((p) => p.current !== null);
  const needChart = useCallback(
    (Plot: PlotModule) =>
      Plot.plot({
        marginLeft: 120,
        x: { label: 'Relative need index (core services overall)', grid: true },
        y: { label: null },
        marks: [
          Plot.barX(report.places, {
            y: 'name',
            x: (p: PlaceResult) => Number(p.need_index.decimal),
            fill: '#005eb8',
          }),
          Plot.ruleX([1], { stroke: '#d5281b' }),
        ],
      }),
    [report],
  );
  const moneyChart = useCallback(
    (Plot: PlotModule) =>
      Plot.plot({
        marginLeft: 120,
        x: {
          label: 'Pounds',
          tickFormat: (v: number) => `£${(v / 1e6).toLocaleString('en-GB')}m`,
          grid: true,
        },
        y: { label: null },
        marks: [
          Plot.barX(report.places, {
            y: 'name',
            x: (p: PlaceResult) => p.allocation.pence / 100,
            fill: '#005eb8',
          }),
          Plot.ruleX([0]),
        ],
      }),
    [report],
  );
  return (
    <section aria-labelledby="allocation-title" aria-busy={stale}>
      <h2 id="allocation-title">
        {report.icb_name} ({report.icb}), {report.year}: {formatPounds(report.total.pence)}
      </h2>
      <p className="nhsuk-body-s" data-testid="allocation-method">
        Method: {report.method_description}
      </p>
      {request && <PaperButton resource={{ path: '/api/allocations/paper', post: { body: request } }} />}
      <Chart label="Relative need index of each place (1 is the ICB as a whole)" draw={needChart} />
      {resource && (
        <Downloads what="need indices and allocations by place" table="allocation" resource={resource} />
      )}
      <ScrollBox label="Table">
        <table className="nhsuk-table" data-testid="need-indices">
          <caption className="nhsuk-table__caption">Relative need index by place</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Practices</th>
              <th scope="col">Registered population</th>
              <th scope="col">Core services overall</th>
              {components.map((c, k) => (
                <th scope="col" key={c.component}>
                  {names.get(c.component) ?? `Component ${k + 1}`} (
                  {bases[c.basis as AllocationBasis] ?? c.basis})
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {report.places.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{formatCount(p.practice_count)}</td>
                <td>{formatCount(Math.round(Number(p.population)))}</td>
                <td>{p.need_index.decimal}</td>
                {p.components.map((c) => (
                  <td key={c.component}>{c.need_index.decimal}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="nhsuk-body-s">
        A need index above 1 means more need per registered person than the ICB as a whole.
      </p>
      <Chart label="Allocation to each place" draw={moneyChart} />
      {resource && <Downloads what="allocations by component" table="components" resource={resource} />}
      <ScrollBox label="Table">
        <table className="nhsuk-table" data-testid="allocation">
          <caption className="nhsuk-table__caption">Allocation by place</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Target</th>
              {paced && <th scope="col">Current allocation</th>}
              {paced && <th scope="col">Distance from target</th>}
              <th scope="col">Allocation</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {report.places.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{formatPounds(p.target.pence)}</td>
                {paced && <td>{p.current ? formatPounds(p.current.pence) : ''}</td>}
                {paced && (
                  <td>
                    {p.distance_from_target
                      ? `${formatPounds(p.distance_from_target.gap.pence)} (${p.distance_from_target.percent})`
                      : ''}
                  </td>
                )}
                <td>{formatPounds(p.allocation.pence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
