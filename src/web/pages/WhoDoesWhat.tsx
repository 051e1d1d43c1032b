import { Fragment } from 'react';
import { formatDate } from '../../core/dates.ts';
import type { ResponsibilityMatrix } from '../../law/responsibility.ts';
import { Downloads } from '../components/Downloads.tsx';
import { RuleSource } from '../components/RuleSource.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useMatrix } from '../endpoints.ts';

type Row = ResponsibilityMatrix['rows'][number];
type Cell = Row['cells'][string];

const mayHelp: Record<NonNullable<Row['provider_may_support']>, string> = {
  yes: 'Yes',
  no: 'No: the commissioner alone',
  'own-services-only': 'For its own services only',
  'information-only': 'Information, input or ideas only',
};

const roleWords: Record<Cell['role'], string> = {
  responsible: 'Responsible',
  supports: 'Supports the commissioner',
  none: 'No role',
};

const scopeWords = { 'own-services': 'its own services', 'whole-area': 'the whole area' } as const;
const standingMark = { may: '', 'may-not': ' (not allowed)', 'not-on-date': ' (not a rule on this date)' };

function CellText({ cell, side }: { cell: Cell | undefined; side: 'commissioner' | 'provider' }) {
  if (!cell) return <>No role</>;
  if (side === 'commissioner') return <>Responsible (keeps the function)</>;
  if (!cell.recorded) return <span className="nhsuk-body-s">Not recorded</span>;
  return (
    <>
      {roleWords[cell.role]}
      {cell.scope && `, for ${scopeWords[cell.scope]}`}
      {cell.actions.length > 0 && (
        <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s nhsuk-u-margin-bottom-0">
          {cell.actions.map((a) => (
            <li key={a.id}>
              {a.label}
              {standingMark[a.standing]}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The responsibility matrix: each commissioning activity of Annex A in force on the date
 * against each party, grouped as the Annex groups them, with the rule's sources.
 */
export function WhoDoesWhat({ id, on, enabled }: { id: string; on: string; enabled: boolean }) {
  const matrix = useMatrix(id, on, enabled);
  if (!enabled) return null;
  if (matrix.isPending) return <p>Working out who does what on {formatDate(on)}…</p>;
  if (matrix.error) return <p className="nhsuk-error-message">{matrix.error.message}</p>;
  const m = matrix.data;
  const groups = [...new Set(m.rows.map((r) => `${r.category}: ${r.subcategory}`))];
  return (
    <section aria-labelledby="matrix-title">
      <h2 id="matrix-title">Who does what</h2>
      <p>
        Each commissioning activity under the rules in force on {formatDate(m.on)}. The NHS commissioner stays
        responsible for every one, because its functions cannot be handed over; a provider can only support
        it, where the rules allow.
      </p>
      <Downloads
        what="who does what"
        table="who-does-what"
        resource={{ path: `/api/arrangements/${encodeURIComponent(id)}/matrix`, query: { on: m.on } }}
      />
      <ScrollBox label="Table">
        <table className="nhsuk-table" data-testid="matrix">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Who does each commissioning activity on {formatDate(m.on)}
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Activity</th>
              <th scope="col">May a provider help?</th>
              {m.parties.map((p) => (
                <th scope="col" key={p.id}>
                  {p.name} <span className="nhsuk-body-s">({p.side})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {groups.map((group) => {
              const rows = m.rows.filter((r) => `${r.category}: ${r.subcategory}` === group);
              // A source shared by every row of the group is cited once, in its heading.
              const sources = new Set(rows.map((r) => r.citations.join('; ')));
              const shared = sources.size === 1 ? [...sources][0] : undefined;
              return (
                <Fragment key={group}>
                  <tr>
                    <th scope="colgroup" colSpan={2 + m.parties.length} className="nhsuk-table__header">
                      {group}
                      {shared && (
                        <span
                          className="nhsuk-body-s nhsuk-u-secondary-text-color concordat-secondary"
                          data-testid="matrix-source"
                        >
                          Source for every activity below: {shared}
                        </span>
                      )}
                    </th>
                  </tr>
                  {rows.map((r) => (
                    <tr key={r.rule} data-activity={r.activity}>
                      <th scope="row">
                        {r.title}
                        {r.findings.map((f) => (
                          <p key={`${f.rule}:${f.path}`} className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                            <strong
                              className={`nhsuk-tag nhsuk-tag--${f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'blue'}`}
                            >
                              {f.severity === 'error'
                                ? 'Not allowed'
                                : f.severity === 'warning'
                                  ? 'Needs attention'
                                  : 'Note'}
                            </strong>{' '}
                            {f.message}
                          </p>
                        ))}
                        {!shared && (
                          <span
                            className="nhsuk-body-s nhsuk-u-secondary-text-color concordat-secondary"
                            data-testid="matrix-source"
                          >
                            {r.citations.join('; ')}
                          </span>
                        )}
                        <RuleSource rule={r.rule} citations={[]} provenance={r.provenance} about={r.title} />
                      </th>
                      <td>
                        {r.provider_may_support ? mayHelp[r.provider_may_support] : 'Not a rule on this date'}
                      </td>
                      {m.parties.map((p) => (
                        <td key={p.id}>
                          <CellText cell={r.cells[p.id]} side={p.side} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
