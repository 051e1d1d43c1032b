import type { ReactNode } from 'react';
import { describeProvenance, isChecked, notYetChecked, type Provenance } from '../../core/provenance.ts';

/** A source as the API gives it: the text to show, and where it is online, if it is. */
interface ShownCitation {
  text: string;
  url?: string | undefined;
  outside_seeds?: boolean | undefined;
}

/** A rule's sources, linked where they are online (legislation.gov.uk for Acts). */
function Citations({ citations }: { citations: readonly ShownCitation[] }) {
  return (
    <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s" data-testid="citations">
      {citations.map((c, i) => (
        <li key={`${i}:${c.text}`}>
          {c.url ? <a href={c.url}>{c.text}</a> : c.text}
          {c.outside_seeds && ' (outside the consultation documents)'}
        </li>
      ))}
    </ul>
  );
}

/**
 * Where a rule shown beside a finding, refusal, statement or figure comes from: its sources;
 * in words, when no one has yet checked the rule against them; and under "Technical details"
 * the rule's id and the sentence saying how far it was checked (core/provenance.ts), then
 * anything more the caller adds. The caller shows the rule's title. `about` names it for screen
 * readers where a page has several; `folded` keeps the sources in the disclosure too, for
 * findings placed beside a field. Without a provenance (a figure agreed locally) neither is shown.
 */
export function RuleSource({
  rule,
  citations,
  provenance,
  about,
  folded = false,
  children,
}: {
  rule: string;
  citations: readonly ShownCitation[];
  provenance?: Provenance | undefined;
  about?: string | undefined;
  folded?: boolean;
  children?: ReactNode;
}) {
  const sources = citations.length > 0 && <Citations citations={citations} />;
  return (
    <>
      {!folded && sources}
      {provenance && !isChecked(provenance) && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2" data-testid="unchecked">
          <strong className="nhsuk-tag nhsuk-tag--grey concordat-tag-sentence">{notYetChecked}</strong>
        </p>
      )}
      <details className="nhsuk-details nhsuk-u-margin-bottom-2">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            {folded ? 'Sources and technical details' : 'Technical details'}
            {about && <span className="nhsuk-u-visually-hidden">: {about}</span>}
          </span>
        </summary>
        <div className="nhsuk-details__text nhsuk-body-s" data-testid="technical-details">
          {folded && sources}
          <p className="nhsuk-u-margin-bottom-2">
            Rule <code>{rule}</code>
          </p>
          {provenance && (
            <p className="nhsuk-u-margin-bottom-2" data-testid="provenance">
              {describeProvenance(provenance)}
            </p>
          )}
          {children}
        </div>
      </details>
    </>
  );
}
