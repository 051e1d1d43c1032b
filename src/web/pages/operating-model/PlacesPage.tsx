import type { Organisation, PartnershipRole, Place } from '../../../system/operating-model/model.ts';
import { answer, apiClient } from '../../api.ts';
import { ErrorMessage, Radios, Select, Textarea, TextInput } from '../../components/forms.tsx';
import { useTree } from '../../endpoints.ts';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
import { fieldId, placeErrors, withOrganisation } from '../../operating-model-form.ts';
import { partnershipRoles, placeForms, wordsFor } from '../../operating-model-words.ts';
import { useEditor } from './editor-state.tsx';
import { draftId, ItemListPage, ItemQuestionPage, useItemPage } from './lists.tsx';
import { asModelOrganisation, OrganisationPicker } from './OrganisationPicker.tsx';
import { FindingsBeside } from './parts.tsx';
import { NumberedCards, RemovableList } from './removable.tsx';

type Member = Place['partnership']['members'][number];
type Sector = NonNullable<Organisation['sectors']>[number];

const isTrust = (o: Organisation) => o.kind === 'nhs-trust' || o.kind === 'nhs-foundation-trust';

/** For each role in a partnership: which of the model's organisations to offer, where to search, what it provides. */
const roleChoices: Record<
  PartnershipRole,
  { offer: (o: Organisation) => boolean; kind: 'local-authority' | 'trust' | 'pcn' | ''; sector?: Sector }
> = {
  'local-authority': { offer: (o) => o.kind === 'local-authority', kind: 'local-authority' },
  'director-of-public-health': { offer: (o) => o.kind === 'local-authority', kind: 'local-authority' },
  'primary-care-leadership': {
    offer: (o) => o.kind === 'primary-care-network' || o.kind === 'gp-federation',
    kind: 'pcn',
  },
  'community-provider': { offer: isTrust, kind: 'trust', sector: 'community' },
  'mental-health-provider': { offer: isTrust, kind: 'trust', sector: 'mental-health' },
  healthwatch: { offer: (o) => o.kind === 'healthwatch', kind: '' },
  'acute-provider': { offer: isTrust, kind: 'trust', sector: 'acute' },
  'ambulance-provider': { offer: isTrust, kind: 'trust', sector: 'ambulance' },
  'voluntary-sector': { offer: (o) => o.kind === 'voluntary-sector', kind: '' },
};

const orgName = (m: OperatingModel, id: string | undefined) =>
  m.organisations.find((o) => o.id === id)?.name ?? id ?? '';

/** The ICB's places, each with its partnership and how it decides. */
export function PlacesList() {
  const { draft } = useEditor();
  return (
    <ItemListPage
      part="places"
      label="place"
      title="Places and their partnerships"
      intro={
        <p>
          Each place has a partnership of the local authority (with its Director of Public Health), primary
          care, community and mental health providers, Healthwatch and others, and a way of deciding.
        </p>
      }
      addText="Add a place"
      summary={(p) => ({
        name: p.name,
        about: (
          <>
            <p className="nhsuk-u-margin-bottom-1">
              {wordsFor(placeForms, p.partnership.form)}
              {p.partnership.lead_provider ? `: ${orgName(draft, p.partnership.lead_provider)}` : ''}
              {p.partnership.committee
                ? `: ${draft.committees.find((c) => c.id === p.partnership.committee)?.name ?? ''}`
                : ''}
            </p>
            <p className="nhsuk-u-margin-bottom-1">
              Members:{' '}
              {p.partnership.members
                .map((x) => {
                  const who = x.organisation ? orgName(draft, x.organisation) : x.note;
                  return `${wordsFor(partnershipRoles, x.role)}${who ? ` (${who})` : ''}`;
                })
                .join('; ')}
            </p>
            {p.budget && <p className="nhsuk-u-margin-bottom-1">Budget {p.budget}</p>}
          </>
        ),
      })}
    />
  );
}

/** The ICB's places in the registry on the date, to start a place from (with its council). */
function RegistryPlaces({ onPick }: { onPick: (name: string, code: string) => void }) {
  const { draft, on } = useEditor();
  const tree = useTree(draft.icb.code, 'icb', on);
  const places = (tree.data?.tree.children ?? []).filter((c) => c.kind === 'place');
  if (places.length === 0) return null;
  return (
    <Select
      id="registry-place"
      label="Or choose one of the ICB's places in the registry"
      value=""
      options={[
        { value: '', text: 'Choose a place' },
        ...places.map((p) => ({ value: p.code, text: p.name })),
      ]}
      onChange={(code) => {
        const place = places.find((p) => p.code === code);
        if (place) onPick(place.name, place.code);
      }}
    />
  );
}

/** One place: its name and local authorities, its partnership's members, how it decides, what it decides and its budget. */
export function PlaceItem({ which }: { which: string }) {
  const page = useItemPage('places', which, (m) => ({
    id: draftId(m, 'places'),
    name: '',
    local_authorities: [],
    // A committee of the ICB is the usual form, but a model with no committee yet cannot name one.
    partnership: { form: m.committees.length ? 'icb-committee' : 'advisory', members: [], functions: [] },
  }));
  const { local, setLocal, item: place, index: i, isNew, live, at } = page;
  if (!place) return <p>There is no such place in this model.</p>;
  const p = place.partnership;
  const setPlace = (m: OperatingModel, next: Place) =>
    setLocal({ ...m, places: m.places.map((x, j) => (j === i ? next : x)) });
  const setPartnership = (m: OperatingModel, next: Partial<Place['partnership']>) =>
    setPlace(m, { ...place, partnership: { ...p, ...next } });
  const setMember = (m: OperatingModel, j: number, member: Member) =>
    setPartnership(m, { members: p.members.map((x, k) => (k === j ? member : x)) });
  const addLocalAuthority = (m: OperatingModel, id: string | undefined) => {
    if (id && !place.local_authorities.includes(id))
      setPlace(m, { ...place, local_authorities: [...place.local_authorities, id] });
    else setLocal(m);
  };
  const pickRegistryPlace = async (name: string, code: string) => {
    const council = await answer(
      apiClient.GET('/api/organisations/{code}', {
        params: { path: { code }, query: { kind: 'local-authority' } },
      }),
    ).catch(() => undefined);
    if (!council) return setPlace(local, { ...place, name });
    const added = withOrganisation(local, asModelOrganisation(council));
    const las = place.local_authorities.includes(added.id)
      ? place.local_authorities
      : [...place.local_authorities, added.id];
    setPlace(added.model, { ...place, name, local_authorities: las });
  };
  const committees = local.committees.filter((c) =>
    p.form === 'joint-committee' ? c.kind === 'joint-committee' : c.kind !== 'joint-committee',
  );
  const label = place.name ? `${place.name} place` : 'this place';

  return (
    <ItemQuestionPage
      page={page}
      title={isNew ? 'Add a place' : `${place.name} place`}
      errors={placeErrors(place, i)}
      except={[at('partnership', 'members'), at('partnership', 'committee'), at('budget')]}
      label={label}
    >
      {(errorFor) => (
        <>
          <TextInput
            id={fieldId(...at('name'))}
            label="Name of the place"
            value={place.name}
            error={errorFor(fieldId(...at('name')))}
            onChange={(name) => setPlace(local, { ...place, name })}
          />
          <RegistryPlaces onPick={(name, code) => void pickRegistryPlace(name, code)} />

          <h2 className="nhsuk-heading-m">Local authorities it covers</h2>
          <div
            id={fieldId(...at('local_authorities'))}
            className={errorFor(fieldId(...at('local_authorities'))) ? 'nhsuk-form-group--error' : undefined}
            tabIndex={-1}
          >
            {errorFor(fieldId(...at('local_authorities'))) && (
              <ErrorMessage>{errorFor(fieldId(...at('local_authorities')))}</ErrorMessage>
            )}
            <RemovableList
              testId="place-local-authorities"
              items={place.local_authorities}
              name={(la) => orgName(local, la)}
              onRemove={(la) =>
                setPlace(local, {
                  ...place,
                  local_authorities: place.local_authorities.filter((x) => x !== la),
                })
              }
            />
          </div>
          <OrganisationPicker
            id={fieldId(...at('add-local-authority'))}
            label="Add a local authority"
            model={local}
            value={undefined}
            offer={(o) => o.kind === 'local-authority' && !place.local_authorities.includes(o.id)}
            kind="local-authority"
            optional="Choose a local authority"
            onChange={addLocalAuthority}
          />

          <h2 className="nhsuk-heading-m">Members of the partnership</h2>
          <FindingsBeside
            report={live.report}
            at={at('partnership', 'members')}
            label={`the members of ${label}`}
          />
          {errorFor(fieldId(...at('partnership', 'members'))) && (
            <ErrorMessage id={fieldId(...at('partnership', 'members'))}>
              {errorFor(fieldId(...at('partnership', 'members')))}
            </ErrorMessage>
          )}
          <NumberedCards
            items={p.members}
            what="member"
            addText="Add a member"
            onAdd={() => {
              const present = new Set(p.members.map((x) => x.role));
              const role = partnershipRoles.find((r) => !present.has(r.value))?.value ?? 'voluntary-sector';
              setPartnership(local, { members: [...p.members, { role }] });
            }}
            onRemove={(j) => setPartnership(local, { members: p.members.filter((_, k) => k !== j) })}
          >
            {(member, j) => {
              const choice = roleChoices[member.role];
              const id = (f: string) => fieldId(...at('partnership', 'members', j, f));
              return (
                <>
                  <Select
                    id={id('role')}
                    label="Role in the partnership"
                    value={member.role}
                    options={partnershipRoles}
                    onChange={(role) => setMember(local, j, { ...member, role })}
                  />
                  <OrganisationPicker
                    id={id('organisation')}
                    label="Organisation"
                    model={local}
                    value={member.organisation}
                    offer={choice.offer}
                    kind={choice.kind}
                    sectors={choice.sector ? [choice.sector] : []}
                    optional="None named: say who in the note"
                    onChange={(m, organisation) => setMember(m, j, { ...member, organisation })}
                  />
                  <TextInput
                    id={id('note')}
                    label="Note (optional)"
                    hint="For example, Healthwatch Dudley, or the PCN clinical directors"
                    value={member.note ?? ''}
                    onChange={(note) => setMember(local, j, { ...member, note })}
                  />
                </>
              );
            }}
          </NumberedCards>

          <h2 className="nhsuk-heading-m">How the place decides</h2>
          <FindingsBeside
            report={live.report}
            at={at('partnership', 'committee')}
            label={`how ${label} decides`}
          />
          <Radios
            id={fieldId(...at('partnership', 'form'))}
            legend="Decision-making form"
            value={p.form}
            options={placeForms}
            onChange={(form) =>
              setPartnership(local, {
                form,
                committee: form === 'icb-committee' || form === 'joint-committee' ? p.committee : undefined,
                lead_provider: form === 'lead-provider' ? p.lead_provider : undefined,
              })
            }
          />
          {(p.form === 'icb-committee' || p.form === 'joint-committee') && (
            <Select
              id={fieldId(...at('partnership', 'committee'))}
              label={
                p.form === 'joint-committee'
                  ? 'The joint committee that decides'
                  : 'The committee that decides'
              }
              hint="If it is not listed, add it under Committees and joint committees first"
              value={p.committee ?? ''}
              error={errorFor(fieldId(...at('partnership', 'committee')))}
              options={[
                { value: '', text: 'Choose a committee' },
                ...committees.map((c) => ({ value: c.id, text: c.name })),
              ]}
              onChange={(committee) => setPartnership(local, { committee: committee || undefined })}
            />
          )}
          {p.form === 'lead-provider' && (
            <OrganisationPicker
              id={fieldId(...at('partnership', 'lead_provider'))}
              label="The lead provider"
              model={local}
              value={p.lead_provider}
              offer={isTrust}
              kind="trust"
              error={errorFor(fieldId(...at('partnership', 'lead_provider')))}
              onChange={(m, lead_provider) => setPartnership(m, { lead_provider })}
            />
          )}
          <Textarea
            id={fieldId(...at('partnership', 'functions'))}
            label="What the place decides (optional)"
            hint="One on each line, for example Community services for Dudley"
            value={p.functions.join('\n')}
            onChange={(text) => setPartnership(local, { functions: text.split('\n') })}
          />

          <h2 className="nhsuk-heading-m">Budget</h2>
          <FindingsBeside report={live.report} at={at('budget')} label={`the budget of ${label}`} />
          <TextInput
            id={fieldId(...at('budget'))}
            label="Budget delegated to the place (optional)"
            hint="In pounds, for example £25,000,000.00"
            width={20}
            value={place.budget ?? ''}
            error={errorFor(fieldId(...at('budget')))}
            onChange={(budget) => setPlace(local, { ...place, budget })}
          />
        </>
      )}
    </ItemQuestionPage>
  );
}
