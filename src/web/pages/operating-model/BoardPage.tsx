import { useState } from 'react';
import type { BoardMember } from '../../../system/operating-model/model.ts';
import { Checkboxes, ErrorMessage, Select, TextInput } from '../../components/forms.tsx';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
import { boardErrors, fieldId } from '../../operating-model-form.ts';
import { boardRoles } from '../../operating-model-words.ts';
import { navigate } from '../../router.ts';
import { useEditor } from './editor-state.tsx';
import { AddUnlisted } from './OrganisationPicker.tsx';
import { CheckStatus, FindingsBeside, QuestionPage, useLiveCheck } from './parts.tsx';
import { NumberedCards } from './removable.tsx';

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
          {errorFor('board-members') && <ErrorMessage>{errorFor('board-members')}</ErrorMessage>}
          <NumberedCards
            items={members}
            what="member"
            addText="Add a board member"
            onAdd={() => setMembers(local, [...members, { role: 'other' }])}
            onRemove={(j) =>
              setMembers(
                local,
                members.filter((_, k) => k !== j),
              )
            }
          >
            {(member, j) => {
              const id = (f: string) => fieldId('board', 'members', j, f);
              return (
                <>
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
                  <Checkboxes
                    id={id('nominated_by')}
                    legend="Nominated or appointed by (optional)"
                    hint="NHS England appoints the chair; partner members are nominated by the bodies they come from"
                    value={member.nominated_by ?? []}
                    options={nominators}
                    onChange={(nominated_by) => setMember(local, j, { ...member, nominated_by })}
                  />
                  <AddUnlisted
                    id={id('add-nominator')}
                    summary="A nominating body is not listed? Find it in the NHS registry"
                    model={local}
                    chosen={member.nominated_by ?? []}
                    onAdd={(model, nominated_by) => setMember(model, j, { ...member, nominated_by })}
                  />
                  <Checkboxes
                    id={id('represents')}
                    legend="Speaks for (optional)"
                    hint="The places and provider collaboratives this member represents on the board"
                    value={member.represents ?? []}
                    options={speaksFor}
                    onChange={(represents) => setMember(local, j, { ...member, represents })}
                  />
                </>
              );
            }}
          </NumberedCards>
        </>
      )}
    </QuestionPage>
  );
}
