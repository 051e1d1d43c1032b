import type { FormEvent } from 'react';
import { TextInput } from '../../components/forms.tsx';

/** Naming and saving the grouping, with its pot when one has been entered. */
export function SaveGrouping(props: {
  icbName: string;
  potEntered: boolean;
  name: string;
  reason: string;
  onName: (name: string) => void;
  onReason: (reason: string) => void;
  errorFor: (field: string) => string | undefined;
  /** The version saved just now, to say so. */
  saved: { name: string; version: number; withPot: boolean } | undefined;
  /** Whether a saved grouping is open: then it can be saved as a new version or a new grouping. */
  loaded: boolean;
  saving: boolean;
  onSaveAsNew: (event: FormEvent) => void;
}) {
  const { saved } = props;
  return (
    <>
      <h2>Save the grouping</h2>
      <p>
        Saving keeps the places, their practices and the pot (its components, ring-fences, floors, pace of
        change and method) for {props.icbName}, to open again under Start from.
        {props.potEntered ? '' : ' The pot is still to enter, so only the places are saved.'}
      </p>
      <TextInput
        id="grouping-name"
        label="Name of the grouping"
        value={props.name}
        error={props.errorFor('grouping-name')}
        onChange={props.onName}
        width={30}
      />
      <TextInput
        id="grouping-reason"
        label="Why you are saving it"
        hint="Kept in the audit log"
        value={props.reason}
        error={props.errorFor('grouping-reason')}
        onChange={props.onReason}
      />
      {saved && (
        <div className="nhsuk-inset-text" role="status">
          <p>
            Saved “{saved.name}” as version {saved.version}
            {saved.withPot ? ', with its pot' : ''}.
          </p>
        </div>
      )}
      <div className="nhsuk-button-group">
        <button type="submit" className="nhsuk-button" disabled={props.saving}>
          {props.loaded ? 'Save changes to the grouping' : 'Save grouping'}
        </button>
        {props.loaded && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={props.saving}
            onClick={props.onSaveAsNew}
          >
            Save as a new grouping
          </button>
        )}
      </div>
    </>
  );
}
