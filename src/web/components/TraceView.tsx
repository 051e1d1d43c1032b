import { Fragment } from 'react';
import { formatDate, isIsoDate } from '../../core/dates.ts';
import type { Trace } from '../../finance/trace.ts';
import { parameterValue, sentenceCase } from '../format.ts';
import { plainSources } from '../sources.ts';
import { RuleSource } from './RuleSource.tsx';

/** `2026-04-01` inside a text → `1 April 2026`; other text as it is. */
const gbDates = (text: string) =>
  text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => (isIsoDate(d) ? formatDate(d) : d));
const plain = (text: string) => gbDates(plainSources(text));
/** An input's name as a label: `in_scope_value` → "In scope value"; a name already in words stays as it is. */
const label = (key: string) => sentenceCase(/^[a-z_]+$/.test(key) ? key.replaceAll('_', ' ') : plain(key));

/**
 * How a figure was reached, for a finance lead: what it is and how it is worked out, the
 * inputs, the dated parameters with their sources by document title and paragraph (GB
 * dates) and, for the rulebook's, how far each was checked, and each figure it was built from,
 * opened one at a time.
 */
export function TraceView({ trace, nested = false }: { trace: Trace; nested?: boolean }) {
  return (
    <div className="concordat-trace">
      {!nested && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          <strong>{sentenceCase(plain(trace.what))}</strong>
        </p>
      )}
      <p className="nhsuk-body-s">{sentenceCase(plain(trace.rule))}</p>
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
            {p.title}: {parameterValue(p)}, from {formatDate(p.from)}
            {p.to ? ` to ${formatDate(p.to)}` : ''}.
            {!p.provenance && ` Source: ${plain(p.citations.join('; '))}.`}
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
        <>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">Built from:</p>
          {trace.parts.map((p, i) => (
            <details className="nhsuk-details nhsuk-u-margin-bottom-2" key={i}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">{sentenceCase(plain(p.what))}</span>
              </summary>
              <div className="nhsuk-details__text">
                <TraceView trace={p} nested />
              </div>
            </details>
          ))}
        </>
      )}
    </div>
  );
}
