import { type AllocationDraft, type AllocationMethodChoice, potEntered } from '../../allocation-form.ts';
import { Checkbox, Select, TextInput } from '../../components/forms.tsx';
import { basisOptions } from './basis-names.ts';
import type { EditorProps } from './PlaceEditor.tsx';

/** One component of the pot: its amount, the need it follows, and ring-fences and floors by place. */
export function ComponentEditor({ index: k, draft, errorFor, onChange }: EditorProps) {
  const c = draft.components[k] as AllocationDraft['components'][number];
  const set = (patch: Partial<typeof c>) =>
    onChange({ ...draft, components: draft.components.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
  const at = (list: string[], i: number, v: string) => list.map((x, j) => (j === i ? v : x));
  return (
    <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4" data-testid={`component-${k}`}>
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
        Component {k + 1}{' '}
        {c.amount.trim() === '' && <strong className="nhsuk-tag nhsuk-tag--yellow">Amount to enter</strong>}
      </legend>
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
        hint="The ICB's own figure for this component, in pounds, like £1,650,000,000.00"
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
export function MethodChoice(props: {
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

/**
 * The pot: its components, each shared by the need for its service. Concordat's NHS data has
 * the weighted populations the pot is shared by but no ICB's allocation in pounds, so the pot
 * starts as a figure to enter and the page shows no money until it is entered.
 */
export function PotSection({
  draft,
  icbName,
  errorFor,
  onChange,
}: Omit<EditorProps, 'index'> & { icbName: string }) {
  return (
    <>
      <h2>The pot</h2>
      {!potEntered(draft) && (
        <div className="nhsuk-warning-callout" data-testid="pot-to-enter">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              The pot is a figure to enter
            </span>
          </h3>
          <p>
            Concordat holds NHS England's weighted populations for each practice, but not {icbName}'s
            allocation in pounds. Enter the amount of each component from the ICB's financial plan or NHS
            England's published allocations. Until every amount is entered, this page shows need indices only.
          </p>
        </div>
      )}
      <p>
        Each component is shared by the need for its service: ring-fenced money first, then the rest by each
        place's share of the weighted population, with floors (investment guarantees such as the mental health
        investment standard) honoured.
      </p>
      {draft.components.map((_, k) => (
        <ComponentEditor key={k} index={k} draft={draft} errorFor={errorFor} onChange={onChange} />
      ))}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() =>
          onChange({
            ...draft,
            components: [
              ...draft.components,
              {
                name: `Component ${draft.components.length + 1}`,
                amount: '',
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
    </>
  );
}

/** Moving each place from its current allocation towards its target by a share of the gap. */
export function PaceEditor({ draft, errorFor, onChange }: Omit<EditorProps, 'index'>) {
  const pace = draft.pace;
  return (
    <>
      <h2>Pace of change</h2>
      <div className="nhsuk-checkboxes nhsuk-form-group">
        <Checkbox
          id="pace-on"
          label="Move places towards their targets from their current allocations"
          checked={pace.on}
          onChange={(on) => onChange({ ...draft, pace: { ...pace, on } })}
        />
      </div>
      {pace.on && (
        <>
          <TextInput
            id="pace"
            label="Pace of change"
            hint="The share of the gap between current allocation and target closed this year, like 25%"
            value={pace.percent}
            error={errorFor('pace')}
            onChange={(percent) => onChange({ ...draft, pace: { ...pace, percent } })}
            width={10}
          />
          {draft.places.map((p, i) => (
            <TextInput
              key={i}
              id={`current-${i}`}
              label={`Current allocation of ${p.name}`}
              hint="In pounds, like £600,000,000.00"
              value={pace.current[i] ?? ''}
              error={errorFor(`current-${i}`)}
              onChange={(v) =>
                onChange({
                  ...draft,
                  pace: { ...pace, current: pace.current.map((x, k) => (k === i ? v : x)) },
                })
              }
              width={20}
            />
          ))}
        </>
      )}
    </>
  );
}
