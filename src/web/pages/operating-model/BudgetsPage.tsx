import { useState } from 'react';
import { TextInput } from '../../components/forms.tsx';
import { Table } from '../../components/Table.tsx';
import type { OperatingModel } from '../../operating-model-endpoints.ts';
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
          {local.places.length > 0 && <h2 className="nhsuk-heading-m">Places</h2>}
          {local.places.map((p, i) => (
            <div key={p.id}>
              <FindingsBeside
                report={live.report}
                at={['places', i, 'budget']}
                label={`the budget of ${p.name}`}
              />
              <TextInput
                id={fieldId('places', i, 'budget')}
                label={`${p.name} place`}
                width={20}
                value={p.budget ?? ''}
                error={errorFor(fieldId('places', i, 'budget'))}
                onChange={(budget) =>
                  setLocal({ ...local, places: local.places.map((x, j) => (j === i ? { ...x, budget } : x)) })
                }
              />
            </div>
          ))}
          {local.collaboratives.length > 0 && <h2 className="nhsuk-heading-m">Provider collaboratives</h2>}
          {local.collaboratives.map((c, i) => (
            <div key={c.id}>
              <FindingsBeside
                report={live.report}
                at={['collaboratives', i, 'budget']}
                label={`the budget of ${c.name}`}
              />
              <TextInput
                id={fieldId('collaboratives', i, 'budget')}
                label={c.name}
                width={20}
                value={c.budget ?? ''}
                error={errorFor(fieldId('collaboratives', i, 'budget'))}
                onChange={(budget) =>
                  setLocal({
                    ...local,
                    collaboratives: local.collaboratives.map((x, j) => (j === i ? { ...x, budget } : x)),
                  })
                }
              />
            </div>
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
