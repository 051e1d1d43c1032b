import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../core/dates.ts';
import { kindName } from '../../core/organisations.ts';
import type { RegistryOrganisation } from '../arrangement-draft.ts';
import { organisationSearchQuery } from '../endpoints.ts';
import { useDebounced } from '../hooks.ts';
import { organisationName } from '../names.ts';
import { TextInput } from './forms.tsx';

/**
 * Picks an organisation from the NHS registry by name (or code): each match by its name,
 * with its kind and code as secondary text and a button to take it. Only the kinds asked for
 * are offered, and not those already chosen.
 */
export function OrganisationPicker(props: {
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  kinds: readonly RegistryOrganisation['kind'][];
  /** Codes already in the arrangement. */
  chosen: readonly string[];
  /** The button's word: "Add", "Choose". */
  action: string;
  onPick: (organisation: RegistryOrganisation) => void;
}) {
  const { id, kinds, chosen, action, onPick } = props;
  const [q, setQ] = useState('');
  // Asked once typing pauses, of each kind on its own: a closed CCG named Dudley is then not
  // crowded out by the open practices and places of that name. Open bodies come first.
  const asked = useDebounced(q.trim(), 300);
  const searches = useQueries({ queries: kinds.map((kind) => organisationSearchQuery(asked, kind, 10)) });
  const search = {
    isPending: asked.length >= 2 && searches.some((s) => s.isPending),
    error: searches.find((s) => s.error)?.error ?? null,
    data: searches.every((s) => s.data) ? searches.flatMap((s) => s.data?.items ?? []) : undefined,
  };
  const found = (search.data ?? [])
    .filter((o) => !chosen.includes(o.code))
    .sort((a, b) => Number(a.closed !== null) - Number(b.closed !== null));
  return (
    <div className="nhsuk-u-margin-bottom-5">
      <TextInput
        id={id}
        label={props.label}
        hint={props.hint}
        error={props.error}
        type="search"
        value={q}
        onChange={setQ}
      />
      <div aria-live="polite">
        {search.isPending && <p>Searching…</p>}
        {search.error && <p className="nhsuk-error-message">{search.error.message}</p>}
        {asked.length >= 2 && search.data && found.length === 0 && (
          <p>No organisation of the kind asked for matches “{q.trim()}”.</p>
        )}
      </div>
      {asked.length >= 2 && found.length > 0 && (
        <ul className="nhsuk-list concordat-picker-results" data-testid={`${id}-results`}>
          {found.map((o) => {
            const name = organisationName(o.name);
            return (
              <li key={`${o.kind}:${o.code}`}>
                <span>
                  <strong>{name}</strong>
                  <br />
                  <span className="nhsuk-body-s concordat-secondary">
                    {kindName(o.kind)} {o.code}
                    {o.closed && `, closed ${formatDate(o.closed)}`}
                  </span>
                </span>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => {
                    onPick(o);
                    setQ('');
                  }}
                >
                  {action}
                  <span className="nhsuk-u-visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
