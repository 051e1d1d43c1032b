import { formatDate } from '../../core/dates.ts';
import { RuleSource } from '../components/RuleSource.tsx';
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

/** Each finding with its plain-English explanation, its sources, and where it is in the arrangement and how far its rule was checked (technical details). */
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
              <RuleSource
                rule={f.rule}
                citations={f.citations}
                provenance={f.provenance}
                about={f.rule_title}
              >
                <p className="nhsuk-u-margin-bottom-2">
                  About {f.path || 'the whole arrangement'} in the arrangement’s document.
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
              </RuleSource>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The findings about one field or part, shown beside it while the arrangement is written:
 * how serious, the rule's title and what it says about this arrangement, and whether the rule
 * is yet to be checked against its sources; the sources, the rule's id and how far it was
 * checked folded away under "Sources and technical details".
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
            <RuleSource
              rule={f.rule}
              citations={f.citations}
              provenance={f.provenance}
              about={f.rule_title}
              folded
            />
          </li>
        );
      })}
    </ul>
  );
}
