import { useState } from 'react';
import { addService, removeService } from '../../arrangement-draft.ts';
import { findingsAt, findingsOfItem } from '../../arrangement-steps.ts';
import { Select } from '../../components/forms.tsx';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';
import { ItemCard, removedNotice } from './PartiesSteps.tsx';

const functionWords = {
  'local-nhs': 'an NHS commissioner’s function (a CCG until 30 June 2022, an ICB after)',
  'local-authority': 'a council’s function',
  'nhs-england': 'NHS England’s function',
} as const;

export function ServicesStep({ draft, change, errorFor, findings, services, names, announce }: StepProps) {
  const [adding, setAdding] = useState('');
  const chosen = services.find((s) => s.service === adding);
  const set = (i: number, fields: Partial<StepProps['draft']['services'][number]>) =>
    change({ ...draft, services: draft.services.map((x, j) => (j === i ? { ...x, ...fields } : x)) });
  const commissioners = draft.commissioners.map((c) => ({ value: c.id, text: c.name }));
  const providers = [
    { value: '', text: 'Nobody under this arrangement: it stays outside' },
    ...draft.providers.map((p) => ({ value: p.id, text: p.name })),
  ];
  return (
    <>
      <p>
        Add each service the arrangement covers, as the rulebook names them. Say whose statutory function each
        is, which decides how its money may be pooled, and who provides it.
      </p>
      {draft.services.map((s, i) => {
        const about = services.find((c) => c.service === s.service);
        return (
          <ItemCard
            // A service may appear once per commissioner and provider; its place in the list tells them apart.
            key={`${s.service}:${i}`}
            testId="service"
            title={names.service(s.service)}
            about={
              about
                ? `By law it is ${functionWords[about.function_of]}.`
                : 'Not in the rulebook on this date.'
            }
            findings={findingsOfItem(findings, ['commissioner', 'provider'], 'services', i)}
            onRemove={() => {
              const { draft: next, alsoRemoved } = removeService(draft, i, names);
              change(next);
              announce(removedNotice(names.service(s.service), alsoRemoved));
            }}
          >
            <Select
              id={`services-${i}-commissioner`}
              label="Commissioned by"
              value={s.commissioner}
              options={commissioners}
              error={errorFor('services', i, 'commissioner')}
              onChange={(commissioner) => set(i, { commissioner })}
            />
            <PlacedFindings findings={findingsAt(findings, 'services', i, 'commissioner')} />
            <Select
              id={`services-${i}-provider`}
              label="Provided by"
              value={s.provider ?? ''}
              options={providers}
              onChange={(provider) => {
                const { provider: _old, ...rest } = s;
                change({
                  ...draft,
                  services: draft.services.map((x, j) =>
                    j === i ? (provider ? { ...rest, provider } : rest) : x,
                  ),
                });
              }}
            />
            <PlacedFindings findings={findingsAt(findings, 'services', i, 'provider')} />
          </ItemCard>
        );
      })}
      <div className="nhsuk-form-group">
        <Select
          id="services"
          label="Add a service"
          hint={
            draft.commissioners.length === 0
              ? 'Add the commissioners first: each service is one of theirs.'
              : 'Services whose function belongs to no commissioner here can still be added; the check will say so.'
          }
          value={adding}
          error={errorFor('services')}
          options={[
            { value: '', text: 'Choose a service' },
            ...services.map((s) => ({ value: s.service, text: s.title })),
          ]}
          onChange={setAdding}
        />
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={!chosen || draft.commissioners.length === 0}
          onClick={() => {
            if (!chosen) return;
            change(addService(draft, chosen));
            setAdding('');
          }}
        >
          Add the service
        </button>
      </div>
    </>
  );
}
