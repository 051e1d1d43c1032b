import type { Collaborative, Organisation } from '../../../system/operating-model/model.ts';
import { ErrorMessage, Select, Textarea, TextInput } from '../../components/forms.tsx';
import { useOrganisation } from '../../endpoints.ts';
import { organisationName } from '../../names.ts';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
import { collaborativeErrors } from '../../operating-model-form.ts';
import { useEditor } from './editor-state.tsx';
import { draftId, ItemListPage, ItemQuestionPage, useItemPage } from './lists.tsx';
import { OrganisationPicker, RegistrySearch } from './OrganisationPicker.tsx';
import { FindingsBeside } from './parts.tsx';
import { RemovableList } from './removable.tsx';

const isTrust = (o: Organisation) => o.kind === 'nhs-trust' || o.kind === 'nhs-foundation-trust';
const orgName = (m: OperatingModel, id: string | undefined) =>
  m.organisations.find((o) => o.id === id)?.name ?? id ?? '';

/** An ICB's name from the registry, with its code. */
function IcbName({ code }: { code: string }) {
  const icb = useOrganisation(code, 'icb');
  return (
    <>
      {icb.data ? organisationName(icb.data.name) : 'An ICB'} ({code})
    </>
  );
}

/** The provider collaboratives: member trusts, lead, the ICBs they serve, functions and budget. */
export function CollaborativesList() {
  const { draft } = useEditor();
  return (
    <ItemListPage
      part="collaboratives"
      label="collaborative"
      title="Provider collaboratives"
      intro={
        <p>
          Every acute and mental health trust is expected to belong to a provider collaborative, represented
          on the board. A collaborative may serve several ICBs.
        </p>
      }
      addText="Add a provider collaborative"
      summary={(c) => ({
        name: c.name,
        about: (
          <>
            <p className="nhsuk-u-margin-bottom-1">
              Members: {c.members.map((m) => orgName(draft, m)).join(', ')}
              {c.lead ? `. Lead: ${orgName(draft, c.lead)}` : ''}
            </p>
            {c.budget && <p className="nhsuk-u-margin-bottom-1">Budget {c.budget}</p>}
          </>
        ),
      })}
    />
  );
}

/** One provider collaborative. */
export function CollaborativeItem({ which }: { which: string }) {
  const page = useItemPage('collaboratives', which, (m) => ({
    id: draftId(m, 'collaboratives'),
    name: '',
    members: [],
    icbs: [m.icb.code],
    functions: [],
  }));
  const { local, setLocal, item: collab, index: i, isNew, live, at, id } = page;
  if (!collab) return <p>There is no such collaborative in this model.</p>;
  const setCollab = (m: OperatingModel, next: Collaborative) =>
    setLocal({ ...m, collaboratives: m.collaboratives.map((x, j) => (j === i ? next : x)) });
  const label = collab.name || 'this collaborative';

  return (
    <ItemQuestionPage
      page={page}
      title={isNew ? 'Add a provider collaborative' : collab.name}
      errors={collaborativeErrors(collab, i)}
      except={[at('budget')]}
      label={label}
    >
      {(errorFor) => (
        <>
          <TextInput
            id={id('name')}
            label="Name of the collaborative"
            value={collab.name}
            error={errorFor(id('name'))}
            onChange={(name) => setCollab(local, { ...collab, name })}
          />

          <h2 className="nhsuk-heading-m">Member trusts</h2>
          {errorFor(id('members')) && (
            <ErrorMessage id={id('members')}>{errorFor(id('members'))}</ErrorMessage>
          )}
          <RemovableList
            testId="collaborative-members"
            items={collab.members}
            name={(m) => orgName(local, m)}
            onRemove={(m) =>
              setCollab(local, {
                ...collab,
                members: collab.members.filter((x) => x !== m),
                lead: collab.lead === m ? undefined : collab.lead,
              })
            }
          />
          <OrganisationPicker
            id={id('add-member')}
            label="Add a member trust"
            model={local}
            value={undefined}
            offer={(o) => isTrust(o) && !collab.members.includes(o.id)}
            kind="trust"
            optional="Choose a trust"
            onChange={(m, trust) =>
              trust && !collab.members.includes(trust)
                ? setCollab(m, { ...collab, members: [...collab.members, trust] })
                : setLocal(m)
            }
          />
          <Select
            id={id('lead')}
            label="Lead (optional)"
            hint="The member that holds any lead-provider role for the collaborative"
            value={collab.lead ?? ''}
            error={errorFor(id('lead'))}
            options={[
              { value: '', text: 'No lead' },
              ...collab.members.map((m) => ({ value: m, text: orgName(local, m) })),
            ]}
            onChange={(lead) => setCollab(local, { ...collab, lead: lead || undefined })}
          />

          <h2 className="nhsuk-heading-m">Integrated care boards it serves</h2>
          <RemovableList
            testId="collaborative-icbs"
            items={collab.icbs}
            name={(code) =>
              code === local.icb.code ? `${local.icb.name} (this ICB)` : <IcbName code={code} />
            }
            label={(code) => code}
            onRemove={(code) => setCollab(local, { ...collab, icbs: collab.icbs.filter((x) => x !== code) })}
            // The ICB whose model this is is always served.
            removable={(code) => code !== local.icb.code}
          />
          <RegistrySearch
            id={id('add-icb')}
            label="Add another ICB it serves"
            hint="Type part of its name, like Birmingham"
            kind="icb"
            onPick={(found) =>
              collab.icbs.includes(found.code)
                ? undefined
                : setCollab(local, { ...collab, icbs: [...collab.icbs, found.code] })
            }
          />

          <Textarea
            id={id('functions')}
            label="What it does (optional)"
            hint="One on each line, for example Elective recovery"
            value={collab.functions.join('\n')}
            onChange={(text) => setCollab(local, { ...collab, functions: text.split('\n') })}
          />
          <FindingsBeside report={live.report} at={at('budget')} label={`the budget of ${label}`} />
          <TextInput
            id={id('budget')}
            label="Budget delegated to it (optional)"
            hint="In pounds, for example £150,000,000.00"
            width={20}
            value={collab.budget ?? ''}
            error={errorFor(id('budget'))}
            onChange={(budget) => setCollab(local, { ...collab, budget })}
          />
        </>
      )}
    </ItemQuestionPage>
  );
}
