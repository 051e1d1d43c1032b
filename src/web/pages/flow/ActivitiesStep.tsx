import { useState } from 'react';
import { addActivity, removeActivity } from '../../arrangement-draft.ts';
import { findingsAt, findingsOfItem } from '../../arrangement-steps.ts';
import { optionsOf, providerRoleWords } from '../../arrangement-words.ts';
import { Select } from '../../components/forms.tsx';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';
import { ItemCard } from './PartiesSteps.tsx';

type Activity = StepProps['draft']['activities'][number];

/**
 * What the provider does in each commissioning activity of Annex A: by default the
 * commissioner keeps them all, so this page is needed only where a provider takes part.
 */
export function ActivitiesStep({ draft, change, findings, activities, announce }: StepProps) {
  const [adding, setAdding] = useState('');
  const set = (i: number, next: Activity) =>
    change({ ...draft, activities: draft.activities.map((x, j) => (j === i ? next : x)) });
  const titleOf = (id: string) => activities.find((a) => a.activity === id)?.title ?? id;
  const unused = activities.filter((a) => !draft.activities.some((x) => x.activity === a.activity));
  return (
    <>
      <p>
        The commissioners keep every commissioning activity unless you record here what a provider does in it.
        The check says which activities a provider may support and which it may not take on.
      </p>
      {draft.activities.length === 0 && <p>None recorded: the commissioners do them all.</p>}
      {draft.activities.map((a, i) => {
        const labels = activities.find((x) => x.activity === a.activity)?.actions ?? [];
        return (
          <ItemCard
            key={`${a.activity}:${a.provider ?? ''}`}
            testId="activity"
            title={titleOf(a.activity)}
            about={providerRoleWords[a.provider_role]}
            findings={findingsOfItem(findings, ['provider_role', 'provider'], 'activities', i)}
            onRemove={() => {
              change(removeActivity(draft, i));
              announce(`Removed ${titleOf(a.activity)}: the commissioners keep it.`);
            }}
          >
            <Select
              id={`activities-${i}-provider_role`}
              label="The provider’s part"
              value={a.provider_role}
              options={optionsOf(providerRoleWords)}
              onChange={(provider_role) => set(i, { ...a, provider_role })}
            />
            <PlacedFindings findings={findingsAt(findings, 'activities', i, 'provider_role')} />
            {draft.providers.length > 1 && (
              <Select
                id={`activities-${i}-provider`}
                label="Which provider"
                value={a.provider ?? ''}
                options={[
                  { value: '', text: 'The Integrated Care Provider' },
                  ...draft.providers.map((p) => ({ value: p.id, text: p.name })),
                ]}
                onChange={(provider) => {
                  const { provider: _old, ...rest } = a;
                  set(i, provider ? { ...rest, provider } : rest);
                }}
              />
            )}
            {(a.actions ?? []).length > 0 && (
              <>
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">What it does:</p>
                <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
                  {(a.actions ?? []).map((id) => (
                    <li key={id}>{labels.find((l) => l.id === id)?.label ?? id}</li>
                  ))}
                </ul>
              </>
            )}
          </ItemCard>
        );
      })}
      <Select
        id="activities"
        label="Record what a provider does in another activity"
        value={adding}
        options={[
          { value: '', text: 'Choose an activity' },
          ...unused.map((a) => ({ value: a.activity, text: a.title })),
        ]}
        onChange={setAdding}
      />
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={adding === ''}
        onClick={() => {
          change(addActivity(draft, adding));
          setAdding('');
        }}
      >
        Add the activity
      </button>
    </>
  );
}
