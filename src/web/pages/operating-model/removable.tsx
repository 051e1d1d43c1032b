import type { ReactNode } from 'react';
import { RemoveButton } from '../../components/forms.tsx';
import { sentenceCase } from '../../format.ts';

/**
 * Items entered as a card of fields each (the members of a board, a place's partnership or a
 * committee), numbered, each with its own Remove button, and a button to add another: the NHS
 * "add another" pattern as the editor's question pages use it.
 */
export function NumberedCards<T>(props: {
  items: readonly T[];
  /** What one item is called: "member" gives "Member 1" and "Remove member 1". */
  what: string;
  addText: string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  /** The fields of one item. */
  children: (item: T, index: number) => ReactNode;
}) {
  const { items, what } = props;
  return (
    <>
      {items.length === 0 && <p>None yet.</p>}
      {items.map((item, j) => (
        <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-3" key={j}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            {sentenceCase(what)} {j + 1}
          </legend>
          {props.children(item, j)}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => props.onRemove(j)}
          >
            Remove {what} {j + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={props.onAdd}>
        {props.addText}
      </button>
    </>
  );
}

/**
 * Things chosen one at a time (a place's councils, a collaborative's trusts or ICBs), by key,
 * each shown by its name with a Remove button that names it to screen readers.
 */
export function RemovableList(props: {
  testId: string;
  items: readonly string[];
  name: (key: string) => ReactNode;
  /** What a screen reader hears after "Remove"; the name, when that is text. */
  label?: (key: string) => string;
  onRemove: (key: string) => void;
  /** False for one that cannot be removed here. */
  removable?: (key: string) => boolean;
}) {
  const { name, label = (key: string) => String(name(key)) } = props;
  return (
    <ul className="nhsuk-list" data-testid={props.testId}>
      {props.items.map((key) => (
        <li key={key}>
          {name(key)}{' '}
          {(props.removable?.(key) ?? true) && (
            <RemoveButton label={label(key)} onClick={() => props.onRemove(key)} />
          )}
        </li>
      ))}
    </ul>
  );
}
