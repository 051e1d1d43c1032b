import { useState } from 'react';
import type { BoardMember } from '../../../system/operating-model/model.ts';
import { CheckboxGroup } from '../../components/choices.tsx';
import { Select, TextInput } from '../../components/forms.tsx';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
import { boardErrors, fieldId, withOrganisation } from '../../operating-model-form.ts';
import { boardRoles } from '../../operating-model-words.ts';
import { navigate } from '../../router.ts';
import { useEditor } from './editor-state.tsx';
import { asModelOrganisation, RegistrySearch } from './OrganisationPicker.tsx';
import { CheckStatus, FindingsBeside, QuestionPage, useLiveCheck } from './parts.tsx';

/** The board: each member's role, title and name, who nominated them and what they speak for. */
export function BoardPage() {
  const { home, draft, setDraft } = useEditor();
  const [local, setLocal] = useState<OperatingModel>(draft);
  const live = useLiveCheck(local);
  const members = local.board.members;
  const setMembers = (m: OperatingModel, next: BoardMember[]) =>
    setLocal({ ...m, board: { ...m.board, members: next } });
  const setMember = (m: OperatingModel, j: number, member: BoardMember) =>
    setMembers(
      m,
      m.board.members.map((x, k) => (k === j ? member : x)),
    );
  const nominators = local.organisations.map((o) => ({ value: o.id, text: o.name }));
  const speaksFor = [
    ...local.places.map((p) => ({ value: p.id, text: `${p.name} place` })),
    ...local.collaboratives.map((c) => ({ value: c.id, text: c.name })),
  ];

  return (
    <QuestionPage
      back={home}
      caption={local.name}
      title="Board"
      errors={boardErrors(local)}
      onContinue={() => {
        setDraft(local);
        navigate(home);
      }}
    >
      {(errorFor) => (
        <>
          <p>
            From 1 July 2022 an ICB's board has a chair appointed by NHS England, a chief executive, and at
            least three other members, among them partner members nominated by the NHS trusts and foundation
            trusts, by the providers of primary medical services and by the local authorities.
          </p>
          <CheckStatus live={live} />
          <FindingsBeside report={live.report} at={['board']} label="the board" />
          <TextInput
            id="board-quorum"
            label="Quorum (optional)"
            hint="How many members must be there to decide"
            width={10}
            value={local.board.quorum === undefined ? '' : String(local.board.quorum)}
            error={errorFor('board-quorum')}
            onChange={(text) =>
              setLocal({
                ...local,
                board: { ...local.board, quorum: text.trim() === '' ? undefined : Number(text) },
              })
            }
          />
          <h2 className="nhsuk-heading-m" id="board-members" tabIndex={-1}>
            Members
          </h2>
          {errorFor('board-members') && (
            <p className="nhsuk-error-message">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errorFor('board-members')}
            </p>
          )}
          {members.map((member, j) => {
            const id = (f: string) => fieldId('board', 'members', j, f);
            return (
              <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-3" key={j}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Member {j + 1}</legend>
                <Select
                  id={id('role')}
                  label="Role on the board"
                  value={member.role}
                  options={boardRoles}
                  onChange={(role) => setMember(local, j, { ...member, role })}
                />
                <TextInput
                  id={id('title')}
                  label="Title (optional)"
                  hint="For example, Chief Finance Officer"
                  value={member.title ?? ''}
                  onChange={(title) => setMember(local, j, { ...member, title })}
                />
                <TextInput
                  id={id('name')}
                  label="Name (optional)"
                  value={member.name ?? ''}
                  onChange={(name) => setMember(local, j, { ...member, name })}
                />
                <CheckboxGroup
                  id={id('nominated_by')}
                  legend="Nominated or appointed by (optional)"
                  hint="NHS England appoints the chair; partner members are nominated by the bodies they come from"
                  values={member.nominated_by ?? []}
                  options={nominators}
                  onChange={(nominated_by) => setMember(local, j, { ...member, nominated_by })}
                />
                <details className="nhsuk-details">
                  <summary className="nhsuk-details__summary">
                    <span className="nhsuk-details__summary-text">
                      A nominating body is not listed? Find it in the NHS registry
                    </span>
                  </summary>
                  <div className="nhsuk-details__text">
                    <RegistrySearch
                      id={id('add-nominator')}
                      label="Name of the body"
                      kind=""
                      onPick={(found) => {
                        const added = withOrganisation(local, asModelOrganisation(found));
                        const nominated = member.nominated_by ?? [];
                        setMember(added.model, j, {
                          ...member,
                          nominated_by: nominated.includes(added.id) ? nominated : [...nominated, added.id],
                        });
                      }}
                    />
                  </div>
                </details>
                <CheckboxGroup
                  id={id('represents')}
                  legend="Speaks for (optional)"
                  hint="The places and provider collaboratives this member represents on the board"
                  values={member.represents ?? []}
                  options={speaksFor}
                  onChange={(represents) => setMember(local, j, { ...member, represents })}
                />
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() =>
                    setMembers(
                      local,
                      members.filter((_, k) => k !== j),
                    )
                  }
                >
                  Remove member {j + 1}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => setMembers(local, [...members, { role: 'other' }])}
          >
            Add a board member
          </button>
        </>
      )}
    </QuestionPage>
  );
}
