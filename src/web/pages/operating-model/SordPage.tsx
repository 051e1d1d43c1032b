import type { SordEntry } from '../../../system/operating-model/model.ts';
import { Checkbox, Checkboxes, Select, Textarea, TextInput } from '../../components/forms.tsx';
import { type OperatingModel, useIcbFunctions } from '../../operating-model-endpoints.ts';
import { sordErrors } from '../../operating-model-form.ts';
import { useEditor } from './editor-state.tsx';
import { draftId, ItemListPage, ItemQuestionPage, useItemPage } from './lists.tsx';
import { FindingsBeside } from './parts.tsx';

const officer = 'officer:';

/** Who may take a decision in this model: the board, each committee, place and collaborative, or an officer. */
function deciders(m: OperatingModel): { value: string; text: string }[] {
  return [
    { value: 'board', text: 'The board' },
    ...m.committees.map((c) => ({ value: c.id, text: c.name })),
    ...m.places.map((p) => ({ value: p.id, text: `${p.name} place` })),
    ...m.collaboratives.map((c) => ({ value: c.id, text: c.name })),
    { value: officer, text: 'An officer' },
  ];
}

/** Who decides, in words. */
export function deciderName(m: OperatingModel, decidedBy: string): string {
  if (decidedBy.startsWith(officer)) return decidedBy.slice(officer.length).trim() || 'An officer';
  return deciders(m).find((d) => d.value === decidedBy)?.text ?? decidedBy;
}

/** The scheme of reservation and delegation, a decision at a time. */
export function SordList() {
  const { draft, on } = useEditor();
  const functions = useIcbFunctions(on);
  const title = (id: string) => functions.data?.find((f) => f.id === id)?.title ?? id;
  return (
    <ItemListPage
      part="sord"
      label="decision"
      title="Scheme of reservation and delegation"
      intro={
        <p>
          Each decision: the function it belongs to, who takes it (kept by the board, or delegated to a
          committee, place, collaborative or officer), with whom, within what financial limit and on what
          conditions.
        </p>
      }
      addText="Add a decision"
      summary={(s) => ({
        name: s.decision,
        about: (
          <p className="nhsuk-u-margin-bottom-1">
            {title(s.function)}. Decided by {deciderName(draft, s.decided_by)}
            {s.limit ? `, up to ${s.limit}` : ''}.
          </p>
        ),
      })}
    />
  );
}

/** One decision of the SoRD. */
export function SordItem({ which }: { which: string }) {
  const { on } = useEditor();
  const page = useItemPage('sord', which, (m) => ({
    id: draftId(m, 'sord'),
    function: '',
    decision: '',
    decided_by: 'board',
    jointly_with: [],
  }));
  const { local, setLocal, item: row, index: i, isNew, live, at, id } = page;
  const functions = useIcbFunctions(on);
  if (!row) return <p>There is no such decision in this model.</p>;
  const setRow = (next: SordEntry) =>
    setLocal({ ...local, sord: local.sord.map((x, j) => (j === i ? next : x)) });
  const chosen = functions.data?.find((f) => f.id === row.function);
  const isOfficer = row.decided_by.startsWith(officer);
  const providers = local.organisations.filter(
    (o) => !['icb', 'nhs-england', 'local-authority', 'healthwatch'].includes(o.kind),
  );
  const fields = ['function', 'decided_by', 'limit', 'conflict_managed'];
  const label = row.decision ? `the decision ${row.decision}` : 'this decision';

  return (
    <ItemQuestionPage
      page={page}
      title={isNew ? 'Add a decision' : row.decision}
      errors={sordErrors(row, i)}
      except={fields.map((f) => at(f))}
      label={label}
    >
      {(errorFor) => (
        <>
          <TextInput
            id={id('decision')}
            label="The decision, in words"
            hint="For example, Award, vary and end GP contracts"
            value={row.decision}
            error={errorFor(id('decision'))}
            onChange={(decision) => setRow({ ...row, decision })}
          />
          <FindingsBeside report={live.report} at={at('function')} label={`the function of ${label}`} />
          <Select
            id={id('function')}
            label="The ICB function it belongs to"
            hint={
              chosen
                ? `${chosen.who_may_decide}${chosen.held_from_nhse ? `. ${chosen.held_from_nhse}` : ''}.`
                : 'What the law says about who may decide depends on the function'
            }
            value={row.function}
            error={errorFor(id('function'))}
            options={[
              { value: '', text: 'Choose a function' },
              ...[...(functions.data ?? [])]
                .sort((a, b) => a.title.localeCompare(b.title))
                .map((f) => ({ value: f.id, text: f.title })),
            ]}
            onChange={(fn) => setRow({ ...row, function: fn })}
          />
          <FindingsBeside report={live.report} at={at('decided_by')} label={`who takes ${label}`} />
          <Select
            id={id('decided_by')}
            label="Who decides"
            value={isOfficer ? officer : row.decided_by}
            error={errorFor(id('decided_by'))}
            options={deciders(local)}
            onChange={(decided_by) => setRow({ ...row, decided_by })}
          />
          {isOfficer && (
            <TextInput
              id={id('officer')}
              label="The officer's title"
              hint="For example, Director of Corporate Governance"
              value={row.decided_by.slice(officer.length)}
              error={errorFor(id('officer'))}
              onChange={(title) => setRow({ ...row, decided_by: `${officer}${title}` })}
            />
          )}
          <Checkboxes
            id={id('jointly_with')}
            legend="Decided jointly with (optional)"
            hint="Bodies that take the decision with the ICB"
            value={row.jointly_with}
            options={local.organisations
              .filter((o) => o.code !== local.icb.code)
              .map((o) => ({ value: o.id, text: o.name }))}
            onChange={(jointly_with) => setRow({ ...row, jointly_with })}
          />
          <FindingsBeside report={live.report} at={at('limit')} label={`the limit of ${label}`} />
          <TextInput
            id={id('limit')}
            label="Financial limit (optional)"
            hint="The largest sum the decision-maker may commit, in pounds, for example £5,000,000.00"
            width={20}
            value={row.limit ?? ''}
            error={errorFor(id('limit'))}
            onChange={(limit) => setRow({ ...row, limit })}
          />
          <Textarea
            id={id('conditions')}
            label="Conditions (optional)"
            value={row.conditions ?? ''}
            onChange={(conditions) => setRow({ ...row, conditions })}
          />
          <Select
            id={id('contract_with')}
            label="Is it about a provider's contract? (optional)"
            hint="Name the provider, so the check can see a provider deciding on its own contract"
            value={row.contract_with ?? ''}
            options={[{ value: '', text: 'No' }, ...providers.map((o) => ({ value: o.id, text: o.name }))]}
            onChange={(contract_with) =>
              setRow({
                ...row,
                contract_with: contract_with || undefined,
                conflict_managed: contract_with ? row.conflict_managed : undefined,
              })
            }
          />
          {row.contract_with && (
            <>
              <FindingsBeside
                report={live.report}
                at={at('conflict_managed')}
                label={`the conflict in ${label}`}
              />
              <div className="nhsuk-checkboxes nhsuk-form-group">
                <Checkbox
                  id={id('conflict_managed')}
                  label="The provider's members are excluded from the decision, and this is recorded"
                  checked={row.conflict_managed ?? false}
                  onChange={(conflict_managed) => setRow({ ...row, conflict_managed })}
                />
              </div>
            </>
          )}
        </>
      )}
    </ItemQuestionPage>
  );
}
