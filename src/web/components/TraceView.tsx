import type { Trace } from '../../finance/trace.ts';

/** How a figure was reached: what it is, the rule, the inputs, dated parameters with sources, and its parts. */
export function TraceView({ trace }: { trace: Trace }) {
  return (
    <div className="concordat-trace">
      <p className="nhsuk-body-s">
        <strong>{trace.what}</strong>
        <br />
        {trace.rule}
      </p>
      {Object.keys(trace.inputs).length > 0 && (
        <dl className="nhsuk-summary-list">
          {Object.entries(trace.inputs).map(([k, v]) => (
            <div className="nhsuk-summary-list__row" key={k}>
              <dt className="nhsuk-summary-list__key">{k.replaceAll('_', ' ')}</dt>
              <dd className="nhsuk-summary-list__value">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {trace.parameters.map((p) => (
        <p className="nhsuk-body-s" key={`${p.id}-${p.from}`}>
          {p.title}: {p.value} {p.unit} (from {p.from}
          {p.to ? ` to ${p.to}` : ''}). {p.citations.join('; ')}
        </p>
      ))}
      {trace.parts.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Built from {trace.parts.length} figure(s)</span>
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
