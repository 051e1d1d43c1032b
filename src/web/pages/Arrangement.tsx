import { formatDate, isIsoDate, today as todayInEngland } from '../../core/dates.ts';
import { editors, holdsOneOf } from '../../core/roles.ts';
import { ContentsList } from '../components/ContentsList.tsx';
import { PaperButton } from '../components/Downloads.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useArrangement, useVersions } from '../endpoints.ts';
import { useLocation } from '../router.ts';
import type { User } from '../types.ts';
import { ArrangementEditor } from './ArrangementEditor.tsx';
import { CheckOnDates } from './CheckOnDates.tsx';
import { Decisions } from './Decisions.tsx';
import { Parties } from './Parties.tsx';
import { PoolingPlanSection } from './PoolingPlanSection.tsx';
import { WhoDoesWhat } from './WhoDoesWhat.tsx';

export function ArrangementPage({ id, user }: { id: string; user: User }) {
  const arrangement = useArrangement(id);
  const today = todayInEngland();
  const url = useLocation();
  const asked = url.searchParams.get('on');
  const on = asked && isIsoDate(asked) ? asked : today;

  if (arrangement.isPending) return <p>Loading the arrangement…</p>;
  if (arrangement.error) return <p className="nhsuk-error-message">{arrangement.error.message}</p>;
  const a = arrangement.data;

  return (
    <>
      <span className="nhsuk-caption-l">{a.document.place ?? 'Arrangement'}</span>
      <h1>{a.name}</h1>
      {a.document.description && <p className="nhsuk-lede-text">{a.document.description}</p>}
      <p className="nhsuk-body-s">
        Version {a.version}, last changed {formatDate(a.updated_at.slice(0, 10))}.
      </p>

      <p>
        <Link href={`/arrangements/${a.id}/budget`}>Budget and payments</Link>: the integrated budget, WPAP,
        monthly instalments and money at risk.
      </p>

      <ContentsList
        sections={[
          { id: 'check-title', text: 'Is it lawful?' },
          { id: 'matrix-title', text: 'Who does what' },
          { id: 'pooling-title', text: 'Pooling plan' },
          { id: 'parties-title', text: 'Parties' },
          { id: 'edit-title', text: 'The arrangement' },
          { id: 'decisions-title', text: 'Commissioner decisions' },
          { id: 'versions-title', text: 'Versions' },
        ]}
      />

      <PaperButton
        resource={{ path: `/api/arrangements/${encodeURIComponent(a.id)}/papers/lawfulness`, query: { on } }}
      />
      <CheckOnDates arrangement={a} today={today} />

      <WhoDoesWhat id={a.id} on={on} enabled />
      <PoolingPlanSection id={a.id} on={on} enabled />

      <section aria-labelledby="parties-title">
        <h2 id="parties-title">Parties</h2>
        <Parties arrangement={a} user={user} />
      </section>

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">The arrangement</h2>
        <ArrangementEditor stored={a} editable={holdsOneOf(user.roles, editors, a.parties)} />
      </section>

      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">Commissioner decisions</h2>
        <p>
          Some decisions belong to the commissioners by law or under the contract: approving a subcontract,
          deciding an individual funding request, terminating the contract and setting outcome measures.
          Record one here.
        </p>
        <Decisions arrangementId={a.id} />
      </section>

      <Versions id={a.id} />
      <OglAttribution />
    </>
  );
}

function Versions({ id }: { id: string }) {
  const versions = useVersions(id);
  if (!versions.data) return null;
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Every saved version and why it changed
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {versions.data.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{formatDate(v.changed_at.slice(0, 10))}</td>
                <td>{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
