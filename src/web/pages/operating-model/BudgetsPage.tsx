import { useState } from 'react';
import { TextInput } from '../../components/forms.tsx';
import { Table } from '../../components/Table.tsx';
import type { DraftReport, OperatingModel } from '../../operating-model-endpoints.ts';
import { budgetErrors, fieldId } from '../../operating-model-form.ts';
import { navigate } from '../../router.ts';
import { useEditor } from './editor-state.tsx';
import { CheckStatus, FindingsBeside, QuestionPage, useLiveCheck } from './parts.tsx';

/**
 * What the ICB holds and what it delegates to each place and collaborative, on one page, with
 * the check's trace of which decisions sit under each budget.
 */
export function BudgetsPage() {
  const { home, draft, setDraft } = useEditor();
  const [local, setLocal] = useState<OperatingModel>(draft);
  const live = useLiveCheck(local);
  const budgets = live.report?.budgets;
  const decision = (id: string) => local.sord.find((s) => s.id === id)?.decision ?? id;
  return (
    <QuestionPage
      back={home}
      caption={local.name}
      title="Delegated budgets"
      errors={budgetErrors(local)}
      onContinue={() => {
        setDraft(local);
        navigate(home);
      }}
    >
      {(errorFor) => (
        <>
          <p>
            The budgets delegated to places and collaboratives must add up to no more than the ICB holds, and
            each decision's financial limit must be within the budget of whoever takes it.
          </p>
          <CheckStatus live={live} />
          <FindingsBeside report={live.report} at={['budgets']} label="the delegated budgets" />
          <TextInput
            id="budgets-icb_allocation"
            label="What the ICB holds to delegate from (optional)"
            hint="In pounds, for example £2,932,000,000.00"
            width={20}
            value={local.budgets?.icb_allocation ?? ''}
            error={errorFor('budgets-icb_allocation')}
            onChange={(icb_allocation) => setLocal({ ...local, budgets: { icb_allocation } })}
          />
          {(['places', 'collaboratives'] as const).map((part) => (
            <DelegatedBudgets
              key={part}
              part={part}
              model={local}
              report={live.report}
              errorFor={errorFor}
              onChange={setLocal}
            />
          ))}
          {budgets && budgets.holders.length > 0 && (
            <>
              <h2 className="nhsuk-heading-m">Which decisions sit under each budget</h2>
              <Table
                testId="draft-budgets"
                columns={['Held by', 'Budget', 'Decisions under it']}
                rows={budgets.holders.map((h) => ({
                  key: h.id,
                  head: h.name,
                  cells: [h.pounds, h.decisions.map(decision).join('; ') || 'None'],
                }))}
              />
            </>
          )}
        </>
      )}
    </QuestionPage>
  );
}

/**
 * A budget field for each place (shown as "Dudley place") or each collaborative, with the
 * check's findings on that budget beside it.
 */
function DelegatedBudgets({
  part,
  model,
  report,
  errorFor,
  onChange,
}: {
  part: 'places' | 'collaboratives';
  model: OperatingModel;
  report: DraftReport | undefined;
  errorFor: (field: string) => string | undefined;
  onChange: (model: OperatingModel) => void;
}) {
  const holders: { id: string; name: string; budget?: string | undefined }[] = model[part];
  if (holders.length === 0) return null;
  return (
    <>
      <h2 className="nhsuk-heading-m">{part === 'places' ? 'Places' : 'Provider collaboratives'}</h2>
      {holders.map((h, i) => (
        <div key={h.id}>
          <FindingsBeside report={report} at={[part, i, 'budget']} label={`the budget of ${h.name}`} />
          <TextInput
            id={fieldId(part, i, 'budget')}
            label={part === 'places' ? `${h.name} place` : h.name}
            width={20}
            value={h.budget ?? ''}
            error={errorFor(fieldId(part, i, 'budget'))}
            onChange={(budget) =>
              onChange({ ...model, [part]: model[part].map((x, j) => (j === i ? { ...x, budget } : x)) })
            }
          />
        </div>
      ))}
    </>
  );
}
