import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { useArrangements, useCheck, useOrganisation } from '../endpoints.ts';
import { formatDate, todayInEngland } from '../format.ts';
import { roleDescription, roleName } from '../roles.ts';
import type { ArrangementSummary, RoleGrant, User } from '../types.ts';
import { CheckCounts } from './findings.tsx';

export function Home({ user }: { user: User }) {
  const arrangements = useArrangements();
  const today = todayInEngland();
  const mine = (a: ArrangementSummary) =>
    user.roles.some((g) => g.organisation === null || a.parties.includes(g.organisation));
  const list = arrangements.data?.filter(mine) ?? [];

  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <h2 className="nhsuk-heading-m">Your roles</h2>
      <ul className="nhsuk-list">
        {user.roles.map((g) => (
          <Grant key={`${g.role}:${g.organisation}`} grant={g} />
        ))}
      </ul>

      <h2 className="nhsuk-heading-m">Your arrangements on {formatDate(today)}</h2>
      {arrangements.isPending && <p>Loading arrangements…</p>}
      {arrangements.error && <p className="nhsuk-error-message">{arrangements.error.message}</p>}
      {arrangements.data && list.length === 0 && (
        <p>
          None of your organisations is a party to an arrangement yet.{' '}
          <Link href="/arrangements">See all arrangements</Link>.
        </p>
      )}
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {list.map((a) => (
          <li key={a.id} className="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <ArrangementCard arrangement={a} on={today} />
          </li>
        ))}
      </ul>
      <p>
        <Link href="/explorer">Explore the NHS system</Link> to see ICBs, places, primary care networks and
        practices on any date.
      </p>
      <OglAttribution />
    </>
  );
}

function Grant({ grant }: { grant: RoleGrant }) {
  const org = useOrganisation(grant.organisation ?? '');
  const where = grant.organisation === null ? 'England' : (org.data?.name ?? grant.organisation);
  return (
    <li>
      <strong>{roleName(grant.role)}</strong> for {where}. {roleDescription(grant.role)}
    </li>
  );
}

function ArrangementCard({ arrangement, on }: { arrangement: ArrangementSummary; on: string }) {
  const check = useCheck(arrangement.id, arrangement.version, on);
  return (
    <div className="nhsuk-card nhsuk-card--clickable">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <Link className="nhsuk-card__link" href={`/arrangements/${encodeURIComponent(arrangement.id)}`}>
            {arrangement.name}
          </Link>
        </h3>
        <div className="nhsuk-card__description">
          {check.data ? <CheckCounts report={check.data} /> : check.error ? check.error.message : 'Checking…'}
        </div>
      </div>
    </div>
  );
}
