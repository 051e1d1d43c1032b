import { useState } from 'react';
import type { OrganisationKind as RegistryKind } from '../../../core/organisations.ts';
import type { Organisation } from '../../../system/operating-model/model.ts';
import { Select, TextInput } from '../../components/forms.tsx';
import { useOrganisationSearch } from '../../endpoints.ts';
import { organisationName } from '../../names.ts';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
import { withOrganisation } from '../../operating-model-form.ts';
import { organisationKinds, wordsFor } from '../../operating-model-words.ts';

type Sector = NonNullable<Organisation['sectors']>[number];
type Found = { code: string; kind: RegistryKind; name: string; closed: string | null };

/** The registry's kinds a model can name, and what each becomes in the model. */
const fromRegistry: Partial<Record<RegistryKind, (name: string) => Organisation['kind']>> = {
  trust: (name) => (/foundation trust/i.test(name) ? 'nhs-foundation-trust' : 'nhs-trust'),
  'local-authority': () => 'local-authority',
  icb: () => 'icb',
  pcn: () => 'primary-care-network',
};

/**
 * An organisation from the registry as the model names it. The registry calls a local
 * authority by its area ("Dudley"); the model calls it the council ("Dudley Council"), which
 * the governance lead can correct under Organisations (for example to "Dudley Metropolitan
 * Borough Council").
 */
export function asModelOrganisation(found: Found, sectors: Sector[] = []): Omit<Organisation, 'id'> {
  const name = organisationName(found.name);
  const kind = (fromRegistry[found.kind] ?? (() => 'company' as const))(found.name);
  return {
    name: kind === 'local-authority' && !/council/i.test(name) ? `${name} Council` : name,
    kind,
    code: found.code,
    ...(sectors.length ? { sectors } : {}),
  };
}

/** Searches the registry by name for organisations of `kind` the model can name; picking one calls `onPick`. */
export function RegistrySearch({
  id,
  label,
  kind,
  hint = 'Type part of its name, like Dudley',
  onPick,
}: {
  id: string;
  label: string;
  kind: RegistryKind | '';
  hint?: string;
  onPick: (found: Found) => void;
}) {
  const [q, setQ] = useState('');
  const search = useOrganisationSearch(q, kind);
  const found = (search.data?.items ?? []).filter((o) => fromRegistry[o.kind] && o.closed === null);
  return (
    <div className="concordat-registry-search">
      <TextInput id={id} label={label} hint={hint} type="search" value={q} onChange={setQ} />
      {q.trim().length >= 2 && search.isPending && <p className="nhsuk-body-s">Searching…</p>}
      {search.error && <p className="nhsuk-error-message">{search.error.message}</p>}
      {q.trim().length >= 2 && search.data && found.length === 0 && (
        <p className="nhsuk-body-s">No open organisation of this kind matches “{q.trim()}”.</p>
      )}
      {found.length > 0 && (
        <ul className="nhsuk-list concordat-results" aria-label={`Organisations matching ${q.trim()}`}>
          {found.slice(0, 8).map((o) => (
            <li key={`${o.kind}:${o.code}`}>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-1"
                onClick={() => {
                  onPick(o);
                  setQ('');
                }}
              >
                Choose {organisationName(o.name)}
              </button>
              <span className="nhsuk-body-s concordat-secondary">
                {' '}
                {wordsFor(organisationKinds, asModelOrganisation(o).kind)} {o.code}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Which organisation: one the model already names (a select), or one found in the registry
 * by name and added to the model (with `sectors`, what it provides in this role).
 */
export function OrganisationPicker({
  id,
  label,
  model,
  value,
  offer,
  kind,
  sectors,
  optional,
  error,
  onChange,
}: {
  id: string;
  label: string;
  model: OperatingModel;
  value: string | undefined;
  /** Which of the model's organisations to offer. */
  offer: (o: Organisation) => boolean;
  /** The registry kind to search; '' for any the model can name. */
  kind: RegistryKind | '';
  sectors?: Sector[];
  /** The words for choosing none, when none is allowed. */
  optional?: string;
  error?: string | undefined;
  onChange: (model: OperatingModel, id: string | undefined) => void;
}) {
  const options = model.organisations.filter((o) => offer(o) || o.id === value);
  return (
    <div className="concordat-picker">
      <Select
        id={id}
        label={label}
        value={value ?? ''}
        error={error}
        options={[
          { value: '', text: optional ?? 'Choose an organisation' },
          ...options.map((o) => ({ value: o.id, text: o.name })),
        ]}
        onChange={(chosen) => onChange(model, chosen || undefined)}
      />
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Not in the list? Find it in the NHS registry</span>
        </summary>
        <div className="nhsuk-details__text">
          <RegistrySearch
            id={`${id}-search`}
            label="Name of the organisation"
            kind={kind}
            onPick={(found) => {
              const added = withOrganisation(model, asModelOrganisation(found, sectors));
              onChange(added.model, added.id);
            }}
          />
        </div>
      </details>
    </div>
  );
}

/**
 * Under a list of the model's bodies to tick: one not listed, found in the registry by name,
 * added to the model and ticked (`chosen` with its id), behind a "not listed?" disclosure.
 */
export function AddUnlisted(props: {
  id: string;
  summary: string;
  model: OperatingModel;
  chosen: readonly string[];
  onAdd: (model: OperatingModel, chosen: string[]) => void;
}) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{props.summary}</span>
      </summary>
      <div className="nhsuk-details__text">
        <RegistrySearch
          id={props.id}
          label="Name of the body"
          kind=""
          onPick={(found) => {
            const added = withOrganisation(props.model, asModelOrganisation(found));
            const chosen = props.chosen.includes(added.id) ? [...props.chosen] : [...props.chosen, added.id];
            props.onAdd(added.model, chosen);
          }}
        />
      </div>
    </details>
  );
}
