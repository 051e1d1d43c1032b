import { useState } from 'react';
import { type AllocationDraft, type IcbPractice, movePractices, pcnsOf } from '../../allocation-form.ts';
import { Select } from '../../components/forms.tsx';
import { organisationName } from '../../names.ts';

/**
 * Moves many practices between places in one go: a whole primary care network, or every
 * practice ticked in the places' lists. Places are usually built from PCNs, so moving one
 * practice at a time is rarely what a commissioner wants.
 */
export function MovePractices({
  draft,
  practices,
  ticked,
  onMoved,
}: {
  draft: AllocationDraft;
  practices: IcbPractice[];
  ticked: ReadonlySet<string>;
  onMoved: (next: AllocationDraft) => void;
}) {
  const pcns = pcnsOf(practices);
  const [pcn, setPcn] = useState(pcns[0]?.code ?? '');
  const [to, setTo] = useState('0');
  const places = draft.places.map((p, k) => ({ value: String(k), text: p.name || `Place ${k + 1}` }));
  const chosen = pcns.find((p) => p.code === pcn);
  return (
    <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-4" data-testid="move-practices">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Move practices</legend>
      <Select id="move-to" label="Move into" value={to} options={places} onChange={setTo} />
      {pcns.length > 0 && (
        <>
          <Select
            id="move-pcn"
            label="A whole primary care network"
            value={pcn}
            options={pcns.map((p) => ({
              value: p.code,
              text: `${organisationName(p.name)} (${p.practices.length} ${p.practices.length === 1 ? 'practice' : 'practices'})`,
            }))}
            onChange={setPcn}
          />
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={!chosen}
            onClick={() => chosen && onMoved(movePractices(draft, chosen.practices, Number(to)))}
          >
            Move the network
          </button>
        </>
      )}
      <p className="nhsuk-body-s">
        Or tick practices in the lists under each place, then move them together ({ticked.size} ticked).
      </p>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={ticked.size === 0}
        onClick={() => onMoved(movePractices(draft, [...ticked], Number(to)))}
      >
        Move the ticked practices
      </button>
    </fieldset>
  );
}
