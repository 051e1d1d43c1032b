import { addSubcontract, removeSubcontract } from '../../arrangement-draft.ts';
import { findingsAt, findingsOfItem } from '../../arrangement-steps.ts';
import { Checkbox, Checkboxes, Select, TextInput } from '../../components/forms.tsx';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';
import { ItemCard } from './PartiesSteps.tsx';

type Subcontract = StepProps['draft']['subcontracts'][number];
const fields = ['subcontractor', 'services', 'value', 'approved_by', 'key', 'direct_agreement'];

export function SubcontractsStep({ draft, change, errorFor, findings, names, announce }: StepProps) {
  const set = (i: number, next: Subcontract) =>
    change({ ...draft, subcontracts: draft.subcontracts.map((x, j) => (j === i ? next : x)) });
  const at = (i: number, field: string) => findingsAt(findings, 'subcontracts', i, field);
  const serviceIds = [...new Set(draft.services.map((s) => s.service))];
  const approvers = [
    { value: '', text: 'Not approved yet' },
    ...draft.commissioners.map((c) => ({ value: c.id, text: c.name })),
    ...draft.providers.map((p) => ({ value: p.id, text: `${p.name} (a provider)` })),
  ];
  /** The subcontract with an optional field set, or left out when empty. */
  const optional = <K extends 'value' | 'approved_by'>(s: Subcontract, key: K, v: string): Subcontract => {
    const { [key]: _old, ...rest } = s;
    return v === '' ? (rest as Subcontract) : { ...s, [key]: v };
  };
  return (
    <>
      <p>
        List each service the Integrated Care Provider lets to another organisation. Approving a subcontract
        is the commissioners’ decision.
      </p>
      {draft.subcontracts.length === 0 && <p>None so far.</p>}
      {draft.subcontracts.map((s, i) => (
        <ItemCard
          key={s.id}
          testId="subcontract"
          title={s.subcontractor || `Subcontract ${i + 1}`}
          about={s.services.map(names.service).join(', ') || 'No service chosen'}
          findings={findingsOfItem(findings, fields, 'subcontracts', i)}
          onRemove={() => {
            change(removeSubcontract(draft, i));
            announce(`Removed the subcontract with ${s.subcontractor || 'an unnamed subcontractor'}.`);
          }}
        >
          <TextInput
            id={`subcontracts-${i}-subcontractor`}
            label="Subcontractor"
            value={s.subcontractor}
            error={errorFor('subcontracts', i, 'subcontractor')}
            onChange={(subcontractor) => set(i, { ...s, subcontractor })}
          />
          <Checkboxes
            id={`subcontracts-${i}-services`}
            legend="Services subcontracted"
            value={s.services}
            options={serviceIds.map((x) => ({ value: x, text: names.service(x) }))}
            error={errorFor('subcontracts', i, 'services')}
            onChange={(services) => set(i, { ...s, services })}
          >
            <PlacedFindings findings={at(i, 'services')} />
          </Checkboxes>
          <TextInput
            id={`subcontracts-${i}-value`}
            label="Value (optional)"
            hint="In pounds and pence a year, for example 1,200,000.00"
            prefix="£"
            width={20}
            value={(s.value ?? '').replace(/^£/, '')}
            error={errorFor('subcontracts', i, 'value')}
            onChange={(v) =>
              set(i, optional(s, 'value', v.trim() === '' ? '' : `£${v.trim().replace(/^£/, '')}`))
            }
          />
          <PlacedFindings findings={at(i, 'value')} />
          <Select
            id={`subcontracts-${i}-approved_by`}
            label="Approved by"
            value={s.approved_by ?? ''}
            options={approvers}
            onChange={(v) => set(i, optional(s, 'approved_by', v))}
          />
          <PlacedFindings findings={at(i, 'approved_by')} />
          <div className="nhsuk-checkboxes nhsuk-u-margin-bottom-3">
            <Checkbox
              id={`subcontracts-${i}-key`}
              label="A key subcontractor: the commissioners require a Direct Agreement with it"
              checked={s.key ?? false}
              onChange={(key) => set(i, { ...s, key })}
            />
            <Checkbox
              id={`subcontracts-${i}-direct_agreement`}
              label="The Direct Agreement is signed"
              checked={s.direct_agreement ?? false}
              onChange={(direct_agreement) => set(i, { ...s, direct_agreement })}
            />
          </div>
          <PlacedFindings findings={[...at(i, 'key'), ...at(i, 'direct_agreement')]} />
        </ItemCard>
      ))}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={draft.services.length === 0}
        onClick={() => change(addSubcontract(draft))}
      >
        Add a subcontract
      </button>
    </>
  );
}
