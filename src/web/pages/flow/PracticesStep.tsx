import { addPractice, removePractice } from '../../arrangement-draft.ts';
import { findingsAt, findingsOfItem } from '../../arrangement-steps.ts';
import { contractWords, integrationWords, optionsOf } from '../../arrangement-words.ts';
import { Checkbox, Radios, Select } from '../../components/forms.tsx';
import { OrganisationPicker } from '../../components/OrganisationPicker.tsx';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';
import { ItemCard } from './PartiesSteps.tsx';

type Practice = StepProps['draft']['gp_practices'][number];

export function PracticesStep({ draft, change, findings, announce }: StepProps) {
  const set = (i: number, fields: Partial<Practice>) =>
    change({ ...draft, gp_practices: draft.gp_practices.map((x, j) => (j === i ? { ...x, ...fields } : x)) });
  return (
    <>
      <p>
        Add the GP practices whose services are part of the arrangement, from the NHS registry, and say how
        each takes part. An arrangement with no practice and no place has no defined population.
      </p>
      <PlacedFindings findings={findings.filter((f) => f.path === 'gp_practices')} />
      {draft.gp_practices.map((g, i) => (
        <ItemCard
          key={g.ods}
          testId="practice"
          title={g.name ?? g.ods}
          about={`GP practice ${g.ods}`}
          findings={findingsOfItem(
            findings,
            ['contract', 'mode', 'integration_agreement'],
            'gp_practices',
            i,
          )}
          onRemove={() => {
            change(removePractice(draft, i));
            announce(`Removed ${g.name ?? g.ods}.`);
          }}
        >
          <Select
            id={`gp_practices-${i}-contract`}
            label="Its contract"
            value={g.contract}
            options={optionsOf(contractWords)}
            onChange={(contract) => set(i, { contract })}
          />
          <Radios
            id={`gp_practices-${i}-mode`}
            legend="How it takes part"
            value={g.mode}
            options={optionsOf(integrationWords)}
            onChange={(mode) => set(i, { mode })}
          >
            <PlacedFindings findings={findingsAt(findings, 'gp_practices', i, 'mode')} />
          </Radios>
          {g.mode === 'partial' && (
            <div className="nhsuk-checkboxes nhsuk-u-margin-bottom-3">
              <Checkbox
                id={`gp_practices-${i}-integration_agreement`}
                label="The Integration Agreement is signed"
                checked={g.integration_agreement ?? false}
                onChange={(integration_agreement) => set(i, { integration_agreement })}
              />
            </div>
          )}
          <PlacedFindings findings={findingsAt(findings, 'gp_practices', i, 'integration_agreement')} />
        </ItemCard>
      ))}
      <OrganisationPicker
        id="gp_practices"
        label="Add a GP practice"
        hint="Type part of its name or its code, for example Moss Grove or M87003"
        kinds={['practice']}
        chosen={draft.gp_practices.map((g) => g.ods)}
        action="Add"
        onPick={(o) => change(addPractice(draft, o))}
      />
    </>
  );
}
