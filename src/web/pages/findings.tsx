import { formatDate } from '../../core/dates.ts';
import type { CheckReport, Finding } from '../types.ts';

export const severityTag = {
  error: { text: 'Not allowed', colour: 'red' },
  warning: { text: 'Needs attention', colour: 'orange' },
  information: { text: 'For information', colour: 'blue' },
} as const;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function CheckCounts({ report }: { report: CheckReport }) {
  return (
    <p className="nhsuk-body-s" data-testid="verdict">
      {report.lawful ? 'Lawful on this date' : 'Not lawful on this date'}:{' '}
      {plural(report.counts.error, 'error', 'errors')}, {plural(report.counts.warning, 'warning', 'warnings')}
      , {report.counts.information} for information.
    </p>
  );
}

/** Each finding with its plain-English explanation, where it is in the arrangement, and its sources. */
export function Findings({ findings }: { findings: Finding[] }) {
  if (findings.length === 0)
    return <p>The rules in force on this date have nothing to say about this arrangement.</p>;
  return (
    <ol className="nhsuk-list" data-testid="findings">
      {findings.map((f, i) => {
        const tag = severityTag[f.severity];
        return (
          <li key={`${f.rule}:${f.path}:${i}`} className="nhsuk-card" data-severity={f.severity}>
            <div className="nhsuk-card__content">
              <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.text}</strong>
              <h3 className="nhsuk-heading-s nhsuk-u-margin-top-3">{f.rule_title}</h3>
              <p>{f.message}</p>
              <h4 className="nhsuk-heading-xs">Sources</h4>
              <Citations citations={f.citations} />
              <details className="nhsuk-details">
                <summary className="nhsuk-details__summary">
                  <span className="nhsuk-details__summary-text">Technical details</span>
                </summary>
                <div className="nhsuk-details__text nhsuk-body-s">
                  <p>
                    Rule {f.rule}, about {f.path || 'the whole arrangement'} in the arrangement’s document.
                  </p>
                  {f.trace.length > 0 && (
                    <ol className="nhsuk-list nhsuk-list--number">
                      {f.trace.map((t) => (
                        <li key={`${t.rule}:${t.version_from}`}>
                          {t.rule} (version from {formatDate(t.version_from)}): {t.outcome}
                        </li>
                      ))}
                    </ol>
                  )}
                </div>
              </details>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** A rule's sources, linked where they are online (legislation.gov.uk for Acts). */
export function Citations({
  citations,
}: {
  citations: { source: string; at: string; text: string; url?: string | undefined; outside_seeds: boolean }[];
}) {
  return (
    <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s" data-testid="citations">
      {citations.map((c) => (
        <li key={`${c.source}:${c.at}`}>
          {c.url ? <a href={c.url}>{c.text}</a> : c.text}
          {c.outside_seeds && ' (outside the consultation documents)'}
        </li>
      ))}
    </ul>
  );
}

/**
 * The findings about one field or part, shown beside it while the arrangement is written:
 * how serious, the rule's title and what it says about this arrangement; the sources and
 * the rule's id folded away under "Sources and technical details".
 */
export function PlacedFindings({ findings, about }: { findings: readonly Finding[]; about?: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="nhsuk-list concordat-placed-findings" data-testid="placed-findings" data-about={about}>
      {findings.map((f, i) => {
        const tag = severityTag[f.severity];
        return (
          <li key={`${f.rule}:${f.path}:${i}`} data-severity={f.severity}>
            <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.text}</strong>{' '}
            <strong>{f.rule_title}</strong>
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{f.message}</p>
            <details className="nhsuk-details nhsuk-u-margin-bottom-2">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">
                  Sources and technical details
                  <span className="nhsuk-u-visually-hidden">: {f.rule_title}</span>
                </span>
              </summary>
              <div className="nhsuk-details__text nhsuk-body-s">
                <Citations citations={f.citations} />
                <p className="nhsuk-u-margin-bottom-0">Rule {f.rule}</p>
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
