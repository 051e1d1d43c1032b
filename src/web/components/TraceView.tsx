import { Fragment } from 'react';
import { formatDate, isIsoDate } from '../../core/dates.ts';
import type { Trace } from '../../finance/trace.ts';
import { plainSources } from '../sources.ts';
import { RuleSource } from './RuleSource.tsx';

/** `2026-04-01` inside a text → `1 April 2026`; other text as it is. */
const gbDates = (text: string) =>
  text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => (isIsoDate(d) ? formatDate(d) : d));
const plain = (text: string) => gbDates(plainSources(text));
/** An input's name as a label: `in_scope_value` → "In scope value". */
const label = (key: string) => {
  const words = key.replaceAll('_', ' ').replaceAll('.', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * How a figure was reached, for a finance lead: what it is and how it is worked out, the
 * inputs, the dated parameters with their sources by document title and paragraph (GB
 * dates) and, for the rulebook's, how far each was checked, and the figures it was built from.
 */
export function TraceView({ trace }: { trace: Trace }) {
  return (
    <div className="concordat-trace">
      <p className="nhsuk-body-s">
        <strong>{plain(trace.what)}</strong>
        <br />
        {sentence(plain(trace.rule))}
      </p>
      {Object.keys(trace.inputs).length > 0 && (
        <dl className="nhsuk-summary-list">
          {Object.entries(trace.inputs).map(([k, v]) => (
            <div className="nhsuk-summary-list__row" key={k}>
              <dt className="nhsuk-summary-list__key">{label(k)}</dt>
              <dd className="nhsuk-summary-list__value">{plain(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {trace.parameters.map((p) => (
        <Fragment key={`${p.id}-${p.from}`}>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            {p.title}: {p.value} {p.unit} (from {formatDate(p.from)}
            {p.to ? ` to ${formatDate(p.to)}` : ''}).{!p.provenance && ` ${plain(p.citations.join('; '))}`}
          </p>
          {p.provenance && (
            <RuleSource
              rule={p.id}
              citations={p.citations.map((text) => ({ text: plain(text) }))}
              provenance={p.provenance}
              about={p.title}
            />
          )}
        </Fragment>
      ))}
      {trace.parts.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Built from {trace.parts.length} {trace.parts.length === 1 ? 'figure' : 'figures'}
            </span>
          </summary>
          <div className="nhsuk-details__text">
            {trace.parts.map((p, i) => (
              <TraceView key={i} trace={p} />
            ))}
          </div>
        </details>
      )}
    </div>
  );
}
