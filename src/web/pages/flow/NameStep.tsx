import { findingsAt } from '../../arrangement-steps.ts';
import { Textarea, TextInput } from '../../components/forms.tsx';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';

export function NameStep({ draft, change, errorFor, findings }: StepProps) {
  return (
    <>
      <TextInput
        id="name"
        label="Name"
        hint="As the agreement and board papers will call it, for example Dudley integrated community health and adult social care"
        value={draft.name}
        error={errorFor('name')}
        onChange={(name) => change({ ...draft, name })}
      />
      <PlacedFindings findings={findingsAt(findings, 'name')} />
      <TextInput
        id="place"
        label="Place or system it serves (optional)"
        hint="The place the arrangement covers, for example Dudley: it defines the population when no practice is integrated"
        value={draft.place ?? ''}
        onChange={(place) => change(withOptional(draft, 'place', place))}
      />
      <PlacedFindings findings={findingsAt(findings, 'place')} />
      <Textarea
        id="description"
        label="What it is for (optional)"
        value={draft.description ?? ''}
        onChange={(description) => change(withOptional(draft, 'description', description))}
      />
    </>
  );
}

/** The document with an optional text field set, or left out when empty (the schema has no empty place). */
function withOptional<K extends 'place' | 'description'>(
  draft: StepProps['draft'],
  key: K,
  text: string,
): StepProps['draft'] {
  const { [key]: _old, ...rest } = draft;
  return text.trim() === '' ? (rest as StepProps['draft']) : { ...draft, [key]: text };
}
