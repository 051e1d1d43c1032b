import { formatDate, today as todayInEngland } from '../../core/dates.ts';
import type { RoleGrant } from '../../core/roles.ts';
import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import {
  type ContractSummary,
  useArrangements,
  useCheck,
  useContracts,
  useOrganisation,
  useStoredContract,
} from '../endpoints.ts';
import { formatCount } from '../format.ts';
import { roleDescription, roleName } from '../roles.ts';
import type { ArrangementSummary, User } from '../types.ts';
import { phaseNames, statusTags, Tag } from './contract-labels.tsx';
import { CheckCounts } from './findings.tsx';

export function Home({ user }: { user: User }) {
  const arrangements = useArrangements();
  const contracts = useContracts();
  const today = todayInEngland();
  const mine = (a: { parties: string[] }) =>
    user.roles.some((g) => g.organisation === null || a.parties.includes(g.organisation));
  const list = arrangements.data?.filter(mine) ?? [];
  const myContracts = contracts.data?.filter(mine) ?? [];

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
      <h2 className="nhsuk-heading-m">Your contracts and what falls due</h2>
      {contracts.isPending && <p>Loading contracts…</p>}
      {contracts.error && <p className="nhsuk-error-message">{contracts.error.message}</p>}
      {contracts.data && myContracts.length === 0 && (
        <p>
          None of your organisations is a party to a stored contract yet.{' '}
          <Link href="/contracts">See all contracts</Link>.
        </p>
      )}
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {myContracts.map((c) => (
          <li key={c.id} className="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <ContractCard contract={c} />
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

/** A contract's phase today, what is overdue and the next obligations falling due. */
function ContractCard({ contract }: { contract: ContractSummary }) {
  const stored = useStoredContract(contract.id, '', true);
  const report = stored.data?.report;
  const overdue = report?.obligations.filter((o) => o.status === 'overdue') ?? [];
  const attention = [...overdue.slice(0, 5), ...(report?.next_due.slice(0, 3) ?? [])];
  return (
    <div className="nhsuk-card nhsuk-card--clickable">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <Link className="nhsuk-card__link" href={`/contracts/${encodeURIComponent(contract.id)}`}>
            {contract.name}
          </Link>
        </h3>
        <p className="nhsuk-card__description">
          {phaseNames[contract.phase]}. Provider: {contract.provider}.
        </p>
        {overdue.length > 5 && (
          <p className="nhsuk-body-s">
            {formatCount(overdue.length)} obligations are overdue; the five oldest are listed.
          </p>
        )}
        {stored.error && <p className="nhsuk-error-message">{stored.error.message}</p>}
        {report && attention.length === 0 && <p className="nhsuk-body-s">Nothing overdue or falling due.</p>}
        {attention.length > 0 && (
          <ul className="nhsuk-list nhsuk-body-s" aria-label={`What falls due under ${contract.name}`}>
            {attention.map((o) => (
              <li key={`${o.rule}:${o.key}`}>
                <Tag {...statusTags[o.status]} /> {o.title} by {formatDate(o.due)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
