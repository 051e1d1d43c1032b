import { type ReactNode, useState } from 'react';
import {
  addCommissioner,
  addProvider,
  commissionerFrom,
  commissionerKinds,
  isExample,
  otherProvider,
  providerFrom,
  providerKinds,
  removeCommissioner,
  removeProvider,
  replaceCommissioner,
  replaceProvider,
} from '../../arrangement-draft.ts';
import { findingsAt, findingsOfItem } from '../../arrangement-steps.ts';
import { commissionerKindWords, kindAndCode, providerKindWords } from '../../arrangement-words.ts';
import { Checkbox, RemoveButton, Select, TextInput } from '../../components/forms.tsx';
import { OrganisationPicker } from '../../components/OrganisationPicker.tsx';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';

/** Said when a removal took other parts with it. */
export function removedNotice(name: string, alsoRemoved: readonly string[]): string {
  return alsoRemoved.length === 0
    ? `Removed ${name}.`
    : `Removed ${name}, and with it ${alsoRemoved.join('; ')}.`;
}

/** One chosen part of the arrangement, as a card: its name, what it is, its fields, findings and Remove. */
export function ItemCard(props: {
  title: string;
  about: ReactNode;
  findings: StepProps['findings'];
  onRemove: () => void;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="nhsuk-card nhsuk-u-margin-bottom-4" data-testid={props.testId}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{props.title}</h2>
        <p className="nhsuk-body-s concordat-secondary">{props.about}</p>
        <PlacedFindings findings={props.findings} />
        {props.children}
        <RemoveButton label={props.title} onClick={props.onRemove} />
      </div>
    </div>
  );
}

/** A party's code as a party, when changing a stored arrangement whose parties are agreed apart. */
function partyNote(stored: StepProps['stored'], ods: string | undefined): string {
  if (!stored || !ods || stored.parties.includes(ods)) return '';
  return ' · Not yet a party to this arrangement';
}

const exampleNote =
  'Not an organisation from the NHS registry (a care model’s example, say): choose the one it stands for.';

function PartiesRule({ stored }: { stored: StepProps['stored'] }) {
  if (!stored) return null;
  return (
    <div className="nhsuk-inset-text">
      <p>
        Who is party to this arrangement is agreed by every commissioning party. An organisation added or
        removed here must be proposed and accepted as a party before this version can be saved; check your
        answers shows how.
      </p>
    </div>
  );
}

export function CommissionersStep({ draft, change, errorFor, findings, names, announce, stored }: StepProps) {
  return (
    <>
      <p>
        Choose each NHS body and council that commissions services under the arrangement, from the NHS
        registry. NHS England regions are listed as NHS England.
      </p>
      <PartiesRule stored={stored} />
      {draft.commissioners.map((c, i) => (
        <ItemCard
          key={c.id}
          testId="commissioner"
          title={c.name}
          about={
            <>
              {kindAndCode(commissionerKindWords[c.kind], c.ods)}
              {partyNote(stored, c.ods)}
            </>
          }
          findings={findingsOfItem(findings, ['delegated_primary_medical'], 'commissioners', i)}
          onRemove={() => {
            const { draft: next, alsoRemoved } = removeCommissioner(draft, i, names);
            change(next);
            announce(removedNotice(c.name, alsoRemoved));
          }}
        >
          {isExample(c) && (
            <OrganisationPicker
              id={`commissioners-${i}-replace`}
              label={`Replace ${c.name}`}
              hint={exampleNote}
              kinds={commissionerKinds}
              chosen={draft.commissioners.flatMap((x) => (x.ods ? [x.ods] : []))}
              action="Choose"
              onPick={(o) => change(replaceCommissioner(draft, i, commissionerFrom(draft, o, c.id)))}
            />
          )}
          {(c.kind === 'icb' || c.kind === 'ccg') && (
            <div className="nhsuk-checkboxes nhsuk-u-margin-bottom-3">
              <Checkbox
                id={`commissioners-${i}-delegated_primary_medical`}
                label="Holds delegated responsibility for primary medical services from NHS England"
                checked={c.delegated_primary_medical ?? false}
                onChange={(delegated_primary_medical) =>
                  change({
                    ...draft,
                    commissioners: draft.commissioners.map((x, j) =>
                      j === i ? { ...x, delegated_primary_medical } : x,
                    ),
                  })
                }
              />
            </div>
          )}
          <PlacedFindings findings={findingsAt(findings, 'commissioners', i, 'delegated_primary_medical')} />
        </ItemCard>
      ))}
      <OrganisationPicker
        id="commissioners"
        label="Add a commissioner"
        hint="Type part of its name or its code, for example Black Country or Dudley"
        error={errorFor('commissioners')}
        kinds={commissionerKinds}
        chosen={draft.commissioners.flatMap((c) => (c.ods ? [c.ods] : []))}
        action="Add"
        onPick={(o) => change(addCommissioner(draft, commissionerFrom(draft, o)))}
      />
      <PlacedFindings findings={findings.filter((f) => f.path === 'commissioners')} />
    </>
  );
}

const otherKinds = [
  'company',
  'community-interest-company',
  'limited-liability-partnership',
  'gp-partnership',
  'gp-federation',
  'voluntary-sector',
] as const;

export function ProvidersStep({ draft, change, errorFor, findings, names, announce, stored }: StepProps) {
  const [otherName, setOtherName] = useState('');
  const [otherKind, setOtherKind] = useState<(typeof otherKinds)[number]>('company');
  const setProvider = (i: number, fields: Partial<StepProps['draft']['providers'][number]>) =>
    change({ ...draft, providers: draft.providers.map((x, j) => (j === i ? { ...x, ...fields } : x)) });
  return (
    <>
      <p>
        Choose the NHS trusts and councils that provide the services from the NHS registry, and add any other
        provider (a company, a GP federation, a charity) by its name. Mark the one that holds the contract as
        the Integrated Care Provider.
      </p>
      <PartiesRule stored={stored} />
      {draft.providers.map((p, i) => (
        <ItemCard
          key={p.id}
          testId="provider"
          title={p.name || `Provider ${i + 1}`}
          about={
            <>
              {kindAndCode(providerKindWords[p.kind], p.ods)}
              {partyNote(stored, p.ods)}
            </>
          }
          findings={findingsOfItem(findings, ['lead', 'name'], 'providers', i)}
          onRemove={() => {
            const { draft: next, alsoRemoved } = removeProvider(draft, i, names);
            change(next);
            announce(removedNotice(p.name || `provider ${i + 1}`, alsoRemoved));
          }}
        >
          {isExample(p) && (
            <OrganisationPicker
              id={`providers-${i}-replace`}
              label={`Replace ${p.name}`}
              hint={exampleNote}
              kinds={providerKinds}
              chosen={draft.providers.flatMap((x) => (x.ods ? [x.ods] : []))}
              action="Choose"
              onPick={(o) => change(replaceProvider(draft, i, providerFrom(draft, o, p.id)))}
            />
          )}
          {!p.ods && !isExample(p) && (
            <TextInput
              id={`providers-${i}-name`}
              label="Name"
              value={p.name}
              error={errorFor('providers', i, 'name')}
              onChange={(name) => setProvider(i, { name })}
            />
          )}
          <div className="nhsuk-checkboxes nhsuk-u-margin-bottom-3">
            <Checkbox
              id={`providers-${i}-lead`}
              label="Holds the contract as the Integrated Care Provider"
              checked={p.lead ?? false}
              onChange={(lead) => setProvider(i, { lead })}
            />
          </div>
          <PlacedFindings findings={findingsAt(findings, 'providers', i, 'lead')} />
        </ItemCard>
      ))}
      <OrganisationPicker
        id="providers"
        label="Add a provider from the NHS registry"
        hint="An NHS trust or a council: type part of its name or its code"
        error={errorFor('providers')}
        kinds={providerKinds}
        chosen={draft.providers.flatMap((p) => (p.ods ? [p.ods] : []))}
        action="Add"
        onPick={(o) => change(addProvider(draft, providerFrom(draft, o)))}
      />
      <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-5">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          Add a provider that is not in the NHS registry
        </legend>
        <TextInput id="other-provider-name" label="Its name" value={otherName} onChange={setOtherName} />
        <Select
          id="other-provider-kind"
          label="What it is"
          value={otherKind}
          options={otherKinds.map((k) => ({ value: k, text: providerKindWords[k] }))}
          onChange={setOtherKind}
        />
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={otherName.trim() === ''}
          onClick={() => {
            change(addProvider(draft, otherProvider(draft, otherName.trim(), otherKind)));
            setOtherName('');
          }}
        >
          Add this provider
        </button>
      </fieldset>
    </>
  );
}
