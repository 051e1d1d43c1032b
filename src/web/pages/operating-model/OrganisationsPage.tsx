import { Checkbox, Checkboxes, Select, TextInput } from '../../components/forms.tsx';
import { organisationErrors } from '../../operating-model-form.ts';
import { organisationKinds, sectors, wordsFor } from '../../operating-model-words.ts';
import { draftId, ItemListPage, ItemQuestionPage, useItemPage } from './lists.tsx';
import { asModelOrganisation, RegistrySearch } from './OrganisationPicker.tsx';

/** Every body the model names: most are added by choosing them elsewhere; here they are named and described. */
export function OrganisationsList() {
  return (
    <ItemListPage
      part="organisations"
      label="organisation"
      title="Organisations it names"
      intro={
        <p>
          The bodies the board, committees, places, collaboratives and decisions refer to. Choosing one from
          the NHS registry on another page adds it here. Say what each provider runs: the check expects every
          acute and mental health trust to be in a provider collaborative.
        </p>
      }
      addText="Add an organisation"
      summary={(o) => ({
        name: o.name,
        about: (
          <p className="nhsuk-u-margin-bottom-1">
            {wordsFor(organisationKinds, o.kind)}
            {o.code ? ` ${o.code}` : ''}
            {o.sectors?.length
              ? `. Runs ${o.sectors.map((s) => wordsFor(sectors, s).toLowerCase()).join(', ')}`
              : ''}
            {o.illustrative ? '. Illustrative' : ''}
          </p>
        ),
      })}
    />
  );
}

/** One organisation: found in the registry or named by hand, its kind and what it runs. */
export function OrganisationItem({ which }: { which: string }) {
  const page = useItemPage('organisations', which, (m) => ({
    id: draftId(m, 'organisations'),
    name: '',
    kind: 'voluntary-sector',
  }));
  const { local, item: org, setItem, index: i, isNew, id } = page;
  if (!org) return <p>There is no such organisation in this model.</p>;
  const taken = local.organisations.some((o, j) => j !== i && o.code && o.code === org.code);
  return (
    <ItemQuestionPage
      page={page}
      title={isNew ? 'Add an organisation' : org.name}
      errors={[
        ...organisationErrors(org, i),
        ...(taken ? [{ field: id('name'), message: `The model already names ${org.code}` }] : []),
      ]}
      label={org.name || 'this organisation'}
    >
      {(errorFor) => (
        <>
          {isNew && (
            <RegistrySearch
              id={id('search')}
              label="Find it in the NHS registry"
              kind=""
              onPick={(found) => setItem({ ...org, ...asModelOrganisation(found) })}
            />
          )}
          <TextInput
            id={id('name')}
            label={isNew ? 'Or give its name' : 'Name'}
            hint="As it is written in the ICB's papers, for example Healthwatch Dudley"
            value={org.name}
            error={errorFor(id('name'))}
            onChange={(name) => setItem({ ...org, name })}
          />
          {org.code && <p className="nhsuk-body-s">Its code in the NHS registry is {org.code}.</p>}
          <Select
            id={id('kind')}
            label="What kind of body is it?"
            value={org.kind}
            options={organisationKinds}
            onChange={(kind) => setItem({ ...org, kind })}
          />
          <Checkboxes
            id={id('sectors')}
            legend="What it runs (optional)"
            value={org.sectors ?? []}
            options={sectors}
            onChange={(chosen) => setItem({ ...org, sectors: chosen.length ? chosen : undefined })}
          />
          <div className="nhsuk-checkboxes nhsuk-form-group">
            <Checkbox
              id={id('illustrative')}
              label="Invented for an example"
              checked={org.illustrative ?? false}
              onChange={(illustrative) => setItem({ ...org, illustrative: illustrative || undefined })}
            />
          </div>
        </>
      )}
    </ItemQuestionPage>
  );
}
