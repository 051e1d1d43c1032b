import {
  type AllocationDraft,
  type IcbPractice,
  inNoPcn,
  movePractice,
  placePopulation,
  removePlace,
  renamePlace,
} from '../../allocation-form.ts';
import { TextInput } from '../../components/forms.tsx';
import { ScrollBox } from '../../components/ScrollBox.tsx';
import { formatCount } from '../../format.ts';
import { organisationName } from '../../names.ts';

/** What every part of the form editor is given: its place in the draft, the draft and the way to change it. */
export interface EditorProps {
  index: number;
  draft: AllocationDraft;
  errorFor: (id: string) => string | undefined;
  onChange: (draft: AllocationDraft) => void;
}

/** One place: its name, how many practices and people it holds, and its practices to tick or move. */
export function PlaceEditor({
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
  const population = placePopulation(place.practices, byCode);
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
          registered population {formatCount(population)}
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
