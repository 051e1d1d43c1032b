import { useState } from 'react';
import { formatDate } from '../../core/dates.ts';
import { kindName } from '../../core/organisations.ts';
import type { RegistryOrganisation } from '../arrangement-draft.ts';
import { useOrganisationSearch } from '../endpoints.ts';
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
  // One kind is asked of the server (a practice among 6,000); several are filtered here.
  const search = useOrganisationSearch(q, kinds.length === 1 ? (kinds[0] as string) : '');
  const found = (search.data?.items ?? []).filter((o) => kinds.includes(o.kind) && !chosen.includes(o.code));
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
        {q.trim().length >= 2 && search.isPending && <p>Searching…</p>}
        {search.error && <p className="nhsuk-error-message">{search.error.message}</p>}
        {search.data && found.length === 0 && (
          <p>No organisation of the kind asked for matches “{q.trim()}”.</p>
        )}
      </div>
      {search.data && found.length > 0 && (
        <ul className="nhsuk-list concordat-picker-results" data-testid={`${id}-results`}>
          {found.slice(0, 10).map((o) => {
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
