import type { ReactNode } from 'react';
import { formatDate } from '../../../core/dates.ts';
import { ScrollBox } from '../../components/ScrollBox.tsx';
import type { useBudget } from '../../endpoints.ts';
import { formatCount } from '../../format.ts';

type Report = NonNullable<ReturnType<typeof useBudget>['data']>;

/**
 * The GP practices whose list sizes the arrangement gives (flow-through is shared by them),
 * counted and named under one dated source: the registry's published lists, which each list
 * size is checked against. The explanation of its figure (`children`, a table row) opens beneath it.
 */
export function PracticeLists(props: { report: Report; flowTotal: ReactNode; children: ReactNode }) {
  const { report, flowTotal } = props;
  const { practices, published_source: source } = report.practice_lists;
  if (practices.length === 0) return null;
  const first = report.years[0];
  const shares = new Map(first?.flow_through?.practices.map((p) => [p.ods, p.amount.pounds]) ?? []);
  const patients = practices.reduce((n, p) => n + p.list_size, 0);
  const differing = practices.filter((p) => p.published?.list_size !== p.list_size);
  const name = (p: (typeof practices)[number]) => p.name ?? `Practice ${p.ods}`;
  return (
    <section aria-labelledby="practices-title" data-testid="practice-lists">
      <h2 id="practices-title">GP practices and their list sizes</h2>
      <p>
        {practices.length} {practices.length === 1 ? 'practice' : 'practices'}, {formatCount(patients)}{' '}
        registered patients. Source: {source.title}, counted on {formatDate(source.as_at)}.
        {differing.length === 0 && ' Every list size in the arrangement is the published one.'}
      </p>
      {differing.length > 0 && (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {differing.map((p) => (
            <li key={p.ods}>
              {name(p)}: the arrangement gives {formatCount(p.list_size)};{' '}
              {p.published
                ? `the published list on ${formatDate(p.published.as_at)} is ${formatCount(p.published.list_size)}.`
                : 'it is not in the published lists.'}
            </li>
          ))}
        </ul>
      )}
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">
            Practices sharing incentive money{first ? ` in ${first.year}` : ''}
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Practice</th>
              <th scope="col">Registered patients</th>
              <th scope="col">Share of incentives earned</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {practices.map((p) => (
              <tr key={p.ods}>
                <th scope="row">
                  {name(p)} <span className="concordat-secondary">({p.ods})</span>
                </th>
                <td>{formatCount(p.list_size)}</td>
                <td>{shares.get(p.ods) ?? '—'}</td>
              </tr>
            ))}
            {first?.flow_through && (
              <tr>
                <th scope="row">All practices</th>
                <td>{formatCount(patients)}</td>
                <td>{flowTotal}</td>
              </tr>
            )}
            {props.children}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
