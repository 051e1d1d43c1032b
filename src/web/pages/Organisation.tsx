import { formatDate, today as todayInEngland } from '../../core/dates.ts';
import { kindName } from '../../core/organisations.ts';
import { Downloads } from '../components/Downloads.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useOrganisation } from '../endpoints.ts';
import { organisationName } from '../names.ts';
import { OrganisationIcs } from './OrganisationIcs.tsx';
import { orgHref, treeHref } from './organisation-kinds.ts';

function period(from: string | null, to: string | null): string {
  if (from && to) return `from ${formatDate(from)} to ${formatDate(to)}`;
  if (from) return `since ${formatDate(from)}`;
  if (to) return `until ${formatDate(to)}`;
  return 'dates not recorded';
}

/** One organisation's history: when it opened and closed, what it belonged to, what it became. */
export function Organisation({ code, kind }: { code: string; kind: string | undefined }) {
  const org = useOrganisation(code, kind);
  if (org.isPending) return <p>Loading…</p>;
  if (org.error) return <p className="nhsuk-error-message">{org.error.message}</p>;
  const o = org.data;
  return (
    <>
      <span className="nhsuk-caption-l">{kindName(o.kind)}</span>
      <h1>
        {organisationName(o.name)} ({o.code})
      </h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Open</dt>
          <dd className="nhsuk-summary-list__value">{period(o.opened, o.closed)}</dd>
        </div>
      </dl>
      {o.kind !== 'practice' && o.kind !== 'trust' && (
        <p>
          <Link href={treeHref(o, o.closed ?? todayInEngland())}>
            See its structure on {formatDate(o.closed ?? todayInEngland())}
          </Link>
        </p>
      )}
      {/* A CCG, STP or sub-ICB location can share its code with an ICB, but no model names it. */}
      {!['ccg', 'stp', 'sub-icb-location', 'region', 'practice'].includes(o.kind) && (
        <OrganisationIcs code={o.code} />
      )}
      <h2 className="nhsuk-heading-m">History of changes</h2>
      <Downloads
        what="the history of changes"
        table="history"
        resource={{ path: `/api/organisations/${encodeURIComponent(o.code)}`, query: { kind: o.kind } }}
      />
      <ScrollBox label="Table">
        <table className="nhsuk-table" data-testid="history">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Changes to {organisationName(o.name)}
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {o.predecessors.map((p) => (
              <tr key={`p:${p.kind}:${p.code}`}>
                <td>{formatDate(p.on)}</td>
                <td>
                  Took over from <Link href={orgHref(p)}>{organisationName(p.name)}</Link> ({kindName(p.kind)}{' '}
                  {p.code})
                </td>
              </tr>
            ))}
            {o.parents.map((m) => (
              <tr key={`m:${m.kind}:${m.code}:${m.from}`}>
                <td>{period(m.from, m.to)}</td>
                <td>
                  Part of <Link href={orgHref(m)}>{organisationName(m.name)}</Link> ({kindName(m.kind)}{' '}
                  {m.code})
                </td>
              </tr>
            ))}
            {o.successors.map((s) => (
              <tr key={`s:${s.kind}:${s.code}`}>
                <td>{formatDate(s.on)}</td>
                <td>
                  Succeeded by <Link href={orgHref(s)}>{organisationName(s.name)}</Link> ({kindName(s.kind)}{' '}
                  {s.code})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <OglAttribution />
    </>
  );
}
