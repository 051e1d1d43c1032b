import type { Committee } from '../../../system/operating-model/model.ts';
import { Checkbox, Checkboxes, Radios, Select, TextInput } from '../../components/forms.tsx';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
import { committeeErrors } from '../../operating-model-form.ts';
import { committeeKinds, wordsFor } from '../../operating-model-words.ts';
import { useEditor } from './editor-state.tsx';
import { draftId, ItemListPage, ItemQuestionPage, useItemPage } from './lists.tsx';
import { AddUnlisted, OrganisationPicker } from './OrganisationPicker.tsx';
import { NumberedCards } from './removable.tsx';

type Member = Committee['members'][number];

const orgName = (m: OperatingModel, id: string) => m.organisations.find((o) => o.id === id)?.name ?? id;

/** The board's committees, sub-committees and joint committees. */
export function CommitteesList() {
  const { draft } = useEditor();
  return (
    <ItemListPage
      part="committees"
      label="committee"
      title="Committees and joint committees"
      intro={
        <p>
          The committees the board delegates to, and joint committees with local authorities, NHS England,
          other ICBs or NHS trusts. A place that decides through a committee names one of these.
        </p>
      }
      addText="Add a committee"
      summary={(c) => ({
        name: c.name,
        about: (
          <p className="nhsuk-u-margin-bottom-1">
            {wordsFor(committeeKinds, c.kind)}
            {c.kind === 'joint-committee' && c.organisations.length
              ? ` of ${c.organisations.map((o) => orgName(draft, o)).join(', ')}`
              : ''}
            . {c.members.length} {c.members.length === 1 ? 'member' : 'members'}
            {c.chair ? `, chaired by ${c.chair}` : ''}
            {c.quorum ? `, quorum ${c.quorum}` : ''}.
          </p>
        ),
      })}
    />
  );
}

/** One committee: its name and kind, who is party to it, its chair, quorum and members. */
export function CommitteeItem({ which }: { which: string }) {
  const page = useItemPage('committees', which, (m) => ({
    id: draftId(m, 'committees'),
    name: '',
    kind: 'committee',
    organisations: [],
    members: [],
  }));
  const { local, setLocal, item: committee, index: i, isNew, id } = page;
  if (!committee) return <p>There is no such committee in this model.</p>;
  const setCommittee = (m: OperatingModel, next: Committee) =>
    setLocal({ ...m, committees: m.committees.map((x, j) => (j === i ? next : x)) });
  const setMember = (m: OperatingModel, j: number, member: Member) =>
    setCommittee(m, { ...committee, members: committee.members.map((x, k) => (k === j ? member : x)) });
  const others = local.committees.filter((c) => c.id !== committee.id);
  const label = committee.name || 'this committee';

  return (
    <ItemQuestionPage
      page={page}
      title={isNew ? 'Add a committee' : committee.name}
      errors={committeeErrors(committee, i, local)}
      label={label}
    >
      {(errorFor) => (
        <>
          <TextInput
            id={id('name')}
            label="Name of the committee"
            value={committee.name}
            error={errorFor(id('name'))}
            onChange={(name) => setCommittee(local, { ...committee, name })}
          />
          <Radios
            id={id('kind')}
            legend="What kind of committee is it?"
            value={committee.kind}
            options={committeeKinds}
            onChange={(kind) =>
              setCommittee(local, {
                ...committee,
                kind,
                reports_to: kind === 'sub-committee' ? committee.reports_to : undefined,
              })
            }
          />
          {committee.kind === 'sub-committee' && (
            <Select
              id={id('reports_to')}
              label="The committee it reports to"
              value={committee.reports_to ?? ''}
              error={errorFor(id('reports_to'))}
              options={[
                { value: '', text: 'Choose a committee' },
                ...others.map((c) => ({ value: c.id, text: c.name })),
              ]}
              onChange={(reports_to) =>
                setCommittee(local, { ...committee, reports_to: reports_to || undefined })
              }
            />
          )}
          {committee.kind === 'joint-committee' && (
            <>
              <Checkboxes
                id={id('organisations')}
                legend="The bodies party to the joint committee"
                hint="The ICB and each body it decides jointly with; add a body from the registry below if it is not listed"
                value={committee.organisations}
                options={local.organisations.map((o) => ({ value: o.id, text: o.name }))}
                onChange={(organisations) => setCommittee(local, { ...committee, organisations })}
              />
              <AddUnlisted
                id={id('add-organisation')}
                summary="A body is not listed? Find it in the NHS registry"
                model={local}
                chosen={committee.organisations}
                onAdd={(model, organisations) => setCommittee(model, { ...committee, organisations })}
              />
            </>
          )}
          <TextInput
            id={id('chair')}
            label="Who chairs it (optional)"
            hint="A role, for example ICB place director for Dudley"
            value={committee.chair ?? ''}
            onChange={(chair) => setCommittee(local, { ...committee, chair })}
          />
          <TextInput
            id={id('quorum')}
            label="Quorum (optional)"
            hint="How many members must be there to decide"
            width={10}
            value={committee.quorum === undefined ? '' : String(committee.quorum)}
            error={errorFor(id('quorum'))}
            onChange={(text) =>
              setCommittee(local, { ...committee, quorum: text.trim() === '' ? undefined : Number(text) })
            }
          />

          <h2 className="nhsuk-heading-m">Members</h2>
          <NumberedCards
            items={committee.members}
            what="member"
            addText="Add a member"
            onAdd={() =>
              setCommittee(local, {
                ...committee,
                members: [...committee.members, { role: '', organisation: '', voting: true }],
              })
            }
            onRemove={(j) =>
              setCommittee(local, { ...committee, members: committee.members.filter((_, k) => k !== j) })
            }
          >
            {(member, j) => (
              <>
                <TextInput
                  id={id('members', j, 'role')}
                  label="Role"
                  hint="For example, Director of Public Health"
                  value={member.role}
                  error={errorFor(id('members', j, 'role'))}
                  onChange={(role) => setMember(local, j, { ...member, role })}
                />
                <TextInput
                  id={id('members', j, 'name')}
                  label="Name (optional)"
                  value={member.name ?? ''}
                  onChange={(name) => setMember(local, j, { ...member, name })}
                />
                <OrganisationPicker
                  id={id('members', j, 'organisation')}
                  label="The organisation they come from"
                  model={local}
                  value={member.organisation || undefined}
                  offer={() => true}
                  kind=""
                  error={errorFor(id('members', j, 'organisation'))}
                  onChange={(m, organisation) =>
                    setMember(m, j, { ...member, organisation: organisation ?? '' })
                  }
                />
                <div className="nhsuk-checkboxes nhsuk-form-group">
                  <Checkbox
                    id={id('members', j, 'voting')}
                    label="Has a vote"
                    checked={member.voting}
                    onChange={(voting) => setMember(local, j, { ...member, voting })}
                  />
                </div>
              </>
            )}
          </NumberedCards>
        </>
      )}
    </ItemQuestionPage>
  );
}
