import { formatDate, isIsoDate, today as todayInEngland } from '../../core/dates.ts';
import { decisionTakers, editors, holdsOneOf } from '../../core/roles.ts';
import type { Namer } from '../arrangement-draft.ts';
import { ContentsList } from '../components/ContentsList.tsx';
import { PaperButton } from '../components/Downloads.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useActivityCatalogue, useArrangement, useServiceCatalogue, useVersions } from '../endpoints.ts';
import { useLocation } from '../router.ts';
import type { StoredArrangement, User } from '../types.ts';
import { ArrangementSummary } from './ArrangementSummary.tsx';
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

  const saved = url.searchParams.get('saved');
  const decides = holdsOneOf(user.roles, decisionTakers, a.parties);
  return (
    <>
      {saved === String(a.version) && (
        <div
          className="nhsuk-notification-banner nhsuk-notification-banner--success"
          role="alert"
          aria-labelledby="saved-title"
          data-testid="saved"
        >
          <div className="nhsuk-notification-banner__header">
            <h2 className="nhsuk-notification-banner__title" id="saved-title">
              Success
            </h2>
          </div>
          <div className="nhsuk-notification-banner__content">
            <p className="nhsuk-notification-banner__heading">
              {a.version === 1 ? 'Created' : 'Saved'} as version {a.version}.
            </p>
          </div>
        </div>
      )}
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
        <TheArrangement arrangement={a} on={on} editable={holdsOneOf(user.roles, editors, a.parties)} />
      </section>

      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">Commissioner decisions</h2>
        <p>
          Some decisions belong to the commissioners by law or under the contract: approving a subcontract,
          deciding an individual funding request, terminating the contract and setting outcome measures.
          {decides
            ? ' Record one here.'
            : ' They are recorded by the commissioners party to this arrangement.'}
        </p>
        {decides && <Decisions arrangementId={a.id} />}
      </section>

      <Versions id={a.id} current={a.version} />
      <OglAttribution />
    </>
  );
}

/** The arrangement part by part, with a way into the question pages to change it. */
function TheArrangement({
  arrangement,
  on,
  editable,
}: {
  arrangement: StoredArrangement;
  on: string;
  editable: boolean;
}) {
  const services = useServiceCatalogue(on).data ?? [];
  const activities = useActivityCatalogue(on).data ?? [];
  const a = arrangement.document;
  const names: Namer = {
    service: (s) => services.find((x) => x.service === s)?.title ?? s,
    party: (p) => [...a.commissioners, ...a.providers].find((x) => x.id === p)?.name ?? p,
  };
  const change = `/arrangements/${encodeURIComponent(arrangement.id)}/change`;
  return (
    <>
      {editable ? (
        <p>
          <Link className="nhsuk-button nhsuk-u-margin-bottom-0" href={`${change}/check`}>
            Change the arrangement
          </Link>
        </p>
      ) : (
        <p>Your role lets you read this arrangement but not change it.</p>
      )}
      <ArrangementSummary
        level={3}
        arrangement={a}
        names={names}
        activities={activities}
        changeHref={editable ? (step) => `${change}/${step}?from=check` : undefined}
      />
    </>
  );
}

function Versions({ id, current }: { id: string; current: number }) {
  const versions = useVersions(id);
  if (!versions.data) return null;
  const compare = (from: number, to: number) =>
    `/arrangements/${encodeURIComponent(id)}/versions?from=${from}&to=${to}`;
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      {versions.data.length > 1 && (
        <p>
          <Link href={compare(current - 1, current)}>Compare versions side by side</Link>, and restore an
          earlier one.
        </p>
      )}
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
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {versions.data.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{formatDate(v.changed_at.slice(0, 10))}</td>
                <td>{v.reason}</td>
                <td>
                  {v.version !== current && (
                    <Link href={compare(v.version, current)}>
                      Compare<span className="nhsuk-u-visually-hidden"> version {v.version}</span> with the
                      current version
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
