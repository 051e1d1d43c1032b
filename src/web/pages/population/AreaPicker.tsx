import { type FormEvent, useState } from 'react';
import { ErrorSummary, Radios, Select } from '../../components/forms.tsx';
import type { AreaKind, PopulationAreas } from '../../endpoints.ts';
import { navigate } from '../../router.ts';

/** Each kind of area as the question offers it, and how the list of its areas is asked for. */
const kinds: { kind: AreaKind; choice: string; which: string }[] = [
  { kind: 'icb', choice: 'The whole ICB', which: '' },
  { kind: 'place', choice: 'A place', which: 'Which place?' },
  { kind: 'la', choice: 'A local authority', which: 'Which local authority?' },
  { kind: 'pcn', choice: 'A primary care network', which: 'Which primary care network?' },
  { kind: 'practice', choice: 'A GP practice', which: 'Which GP practice?' },
];

export const isAreaKind = (k: string | undefined): k is AreaKind => kinds.some((x) => x.kind === k);

/** The page's address for an area: the ICB, and the kind and code unless it is the whole ICB. */
export function populationPath(icb: string, kind: AreaKind, area?: string): string {
  const q = new URLSearchParams({ icb });
  if (kind !== 'icb' && area) {
    q.set('kind', kind);
    q.set('area', area);
  }
  return `/population?${q}`;
}

/**
 * "Which part of the ICB?": the kind of area, then the area by name (each marked when no report
 * has been published for it yet). Showing the report puts the choice in the address.
 */
export function AreaPicker({
  areas,
  kind,
  area,
}: {
  areas: PopulationAreas;
  kind: AreaKind;
  area: string | undefined;
}) {
  const [chosenKind, setKind] = useState<AreaKind>(kind);
  const [chosen, setChosen] = useState(area ?? '');
  const [error, setError] = useState<string>();
  const offered = kinds.filter((k) => areas.areas.some((a) => a.kind === k.kind));
  const which = kinds.find((k) => k.kind === chosenKind);
  const ofKind = areas.areas.filter((a) => a.kind === chosenKind);
  const show = (event: FormEvent) => {
    event.preventDefault();
    if (chosenKind !== 'icb' && !ofKind.some((a) => a.code === chosen)) {
      setError(`Choose ${which?.choice.toLowerCase()}`);
      return;
    }
    setError(undefined);
    navigate(populationPath(areas.icb, chosenKind, chosen), { keepScroll: true });
  };
  return (
    <form onSubmit={show} data-testid="area-picker" noValidate>
      {error && <ErrorSummary errors={[{ field: 'area', message: error }]} />}
      <Radios
        id="area-kind"
        legend="Which part of the ICB?"
        hint={`Places are those of “${areas.grouping}”. The smaller the area, the more of its figures are suppressed or withheld, to protect the people in it.`}
        value={chosenKind}
        options={offered.map((k) => ({ value: k.kind, text: k.choice }))}
        onChange={(k) => {
          setKind(k);
          setChosen('');
          setError(undefined);
        }}
      />
      {chosenKind !== 'icb' && which && (
        <Select
          id="area"
          label={which.which}
          value={chosen}
          error={error}
          options={[
            { value: '', text: `Choose ${which.choice.toLowerCase()}` },
            ...ofKind.map((a) => ({
              value: a.code,
              text: a.published ? a.name : `${a.name} (no report yet)`,
            })),
          ]}
          onChange={(v) => {
            setChosen(v);
            setError(undefined);
          }}
        />
      )}
      <button type="submit" className="nhsuk-button nhsuk-button--secondary">
        Show the report
      </button>
    </form>
  );
}
