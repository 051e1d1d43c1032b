import { useState } from 'react';
import { formatDate, today as todayInEngland } from '../../core/dates.ts';
import { DateInput } from '../components/DateInput.tsx';
import { Link } from '../components/Link.tsx';
import { Table } from '../components/Table.tsx';
import {
  type OperatingModel,
  type OrganisationIcs,
  type SordRow,
  useModelCheck,
  useOperatingModel,
  useOperatingModels,
  useSord,
} from '../operating-model-endpoints.ts';
import { boardRoles, placeForms, wordsFor } from '../operating-model-words.ts';
import { canEditOperatingModel, operatingModelIcbs } from '../roles.ts';
import { useLocation } from '../router.ts';
import type { User } from '../types.ts';
import { isoDate } from '../validation.ts';
import { CheckCounts, Findings } from './findings.tsx';

/** The operating models the user's roles reach, and (for a governance lead) a way to create one. */
export function OperatingModels({ user }: { user: User }) {
  const models = useOperatingModels();
  const may = operatingModelIcbs(user.roles);
  return (
    <>
      <h1>ICS operating models</h1>
      <p>
        How each integrated care board is governed: its board, committees, places and their partnerships,
        provider collaboratives, and its scheme of reservation and delegation, checked against the law on any
        date.
      </p>
      {(may.all || may.codes.length > 0) && (
        <Link className="nhsuk-button" href="/ics/new">
          Create an operating model
        </Link>
      )}
      {models.isPending && <p>Loading…</p>}
      {models.error && <p className="nhsuk-error-message">{models.error.message}</p>}
      {models.data?.length === 0 && <p>No operating model is stored that your roles reach.</p>}
      {models.data && models.data.length > 0 && (
        <Table
          testId="operating-models"
          columns={['Operating model', 'Version', 'Last changed']}
          rows={models.data.map((m) => ({
            key: m.id,
            head: <Link href={`/ics/${encodeURIComponent(m.id)}`}>{m.name}</Link>,
            cells: [m.version, formatDate(m.updated_at.slice(0, 10))],
          }))}
        />
      )}
    </>
  );
}

/** The structure as a board member draws it: the board, and under it committees, places and collaboratives. */
function StructureDiagram({ model }: { model: OperatingModel }) {
  const orgName = (id?: string) => model.organisations.find((o) => o.id === id)?.name ?? id ?? '';
  const committeeName = (id?: string) => model.committees.find((c) => c.id === id)?.name ?? '';
  return (
    <figure className="om-chart" data-testid="structure">
      <figcaption className="nhsuk-u-visually-hidden">
        Structure of {model.icb.name}: the board, its committees, places and provider collaboratives
      </figcaption>
      <div className="om-node om-board">
        <strong>Board of {model.icb.name}</strong>
        <span className="nhsuk-body-s">{model.board.members.length} members</span>
      </div>
      <div className="om-branches">
        <section aria-labelledby="om-committees">
          <h3 className="nhsuk-heading-xs" id="om-committees">
            Committees
          </h3>
          <ul className="om-list">
            {model.committees.map((c) => (
              <li key={c.id} className="om-node">
                <strong>{c.name}</strong>
                <span className="nhsuk-body-s">
                  {c.kind === 'joint-committee'
                    ? `Joint committee with ${c.organisations
                        .filter((o) => o !== c.organisations[0])
                        .map(orgName)
                        .join(', ')}`
                    : 'Committee of the board'}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="om-places">
          <h3 className="nhsuk-heading-xs" id="om-places">
            Places
          </h3>
          <ul className="om-list">
            {model.places.map((p) => (
              <li key={p.id} className="om-node">
                <strong>{p.name}</strong>
                <span className="nhsuk-body-s">{wordsFor(placeForms, p.partnership.form)}</span>
                <span className="nhsuk-body-s">
                  {p.partnership.lead_provider
                    ? `Lead: ${orgName(p.partnership.lead_provider)}`
                    : committeeName(p.partnership.committee)}
                </span>
                <span className="nhsuk-body-s">With {p.local_authorities.map(orgName).join(', ')}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="om-collaboratives">
          <h3 className="nhsuk-heading-xs" id="om-collaboratives">
            Provider collaboratives
          </h3>
          <ul className="om-list">
            {model.collaboratives.map((c) => (
              <li key={c.id} className="om-node">
                <strong>{c.name}</strong>
                <span className="nhsuk-body-s">{c.members.map(orgName).join(', ')}</span>
                {c.lead && <span className="nhsuk-body-s">Lead: {orgName(c.lead)}</span>}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </figure>
  );
}

/**
 * The SoRD, filterable by route and by words. `idPrefix` keeps the filters' ids unique when a
 * page shows several models' schemes.
 */
export function SordTable({ rows, idPrefix = 'sord' }: { rows: SordRow[]; idPrefix?: string }) {
  const [route, setRoute] = useState('');
  const [words, setWords] = useState('');
  const routes = [...new Set(rows.map((r) => r.route))].sort();
  const needle = words.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (!route || r.route === route) &&
      (!needle || `${r.decision} ${r.function_title} ${r.decided_by}`.toLowerCase().includes(needle)),
  );
  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${idPrefix}-route`}>
            Route
          </label>
          <select
            className="nhsuk-select"
            id={`${idPrefix}-route`}
            value={route}
            onChange={(e) => setRoute(e.target.value)}
          >
            <option value="">All routes</option>
            {routes.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-grid-column-one-half nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${idPrefix}-search`}>
            Search decisions
          </label>
          <input
            className="nhsuk-input"
            id={`${idPrefix}-search`}
            type="search"
            value={words}
            onChange={(e) => setWords(e.target.value)}
          />
        </div>
      </div>
      <p className="nhsuk-body-s" aria-live="polite">
        Showing {shown.length} of {rows.length} decisions
      </p>
      <Table
        testId="sord"
        columns={[
          'Decision',
          'Function',
          'Decided by',
          'Route',
          'Jointly with',
          'Financial limit',
          'Conditions',
        ]}
        rows={shown.map((r) => ({
          key: r.id,
          head: r.decision,
          cells: [r.function_title, r.decided_by, r.route, r.jointly_with, r.limit, r.conditions],
        }))}
      />
    </>
  );
}

type BoardMember = OrganisationIcs['models'][number]['board'][number];

/** The board as a table: each member's role, who they are, who nominated them and what they speak for. */
export function BoardTable({ members, testId = 'board' }: { members: BoardMember[]; testId?: string }) {
  return (
    <Table
      testId={testId}
      columns={['Member', 'Who', 'Nominated by', 'Speaks for']}
      rows={members.map((b, i) => ({
        key: i,
        head: wordsFor(boardRoles, b.role),
        cells: [
          [b.title, b.name].filter(Boolean).join(': ') || 'Not recorded',
          b.nominated_by.join(', ') || 'Not recorded',
          b.represents.join(', ') || 'None',
        ],
      }))}
    />
  );
}

/** An ICS operating model: its structure, its scheme of reservation and delegation, and findings on a date. */
export function OperatingModelPage({ id, user }: { id: string; user: User }) {
  const model = useOperatingModel(id);
  const [on, setOn] = useState(todayInEngland());
  const dateError = isoDate(on, 'the date to check on');
  const check = useModelCheck(id, model.data?.version, dateError ? '' : on);
  const sord = useSord(id, model.data?.version);
  const saved = useLocation().searchParams.get('saved');

  if (model.isPending) return <p>Loading…</p>;
  if (model.error) return <p className="nhsuk-error-message">{model.error.message}</p>;
  const m = model.data.document;
  const decisionOf = (sordId: string) => m.sord.find((s) => s.id === sordId)?.decision ?? sordId;
  const editable = canEditOperatingModel(user.roles, model.data.icb);
  const edit = `/ics/${encodeURIComponent(id)}/edit`;
  return (
    <>
      <span className="nhsuk-caption-l">ICS operating model, version {model.data.version}</span>
      <h1>{m.name}</h1>
      {saved === String(model.data.version) && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Saved as version {saved}, with your reason in the audit log.</p>
        </div>
      )}
      <p className="nhsuk-body-s">
        {m.effective_from ? `In force from ${formatDate(m.effective_from)}. ` : ''}Last changed{' '}
        {formatDate(model.data.updated_at.slice(0, 10))}.
      </p>
      {editable && (
        <div className="nhsuk-button-group">
          <Link className="nhsuk-button" href={edit}>
            Change this operating model
          </Link>
          <Link
            className="nhsuk-button nhsuk-button--secondary"
            href={`/ics/new?copy=${encodeURIComponent(id)}`}
          >
            Copy it as a new operating model
          </Link>
        </div>
      )}
      {m.illustrative && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Illustrative: {m.illustrative}</p>
        </div>
      )}
      <h2 className="nhsuk-heading-m">Structure</h2>
      <StructureDiagram model={m} />
      <h2 className="nhsuk-heading-m">Scheme of reservation and delegation</h2>
      {sord.data ? <SordTable rows={sord.data} /> : <p>Loading…</p>}
      <h2 className="nhsuk-heading-m">Findings on a date</h2>
      <DateInput id="check-on" legend="Date to check on" value={on} error={dateError} onChange={setOn} />
      {check.error && <p className="nhsuk-error-message">{check.error.message}</p>}
      {check.data && (
        <section data-testid="model-check" aria-live="polite">
          <p>Checked against the rules in force on {formatDate(check.data.on)}.</p>
          <CheckCounts report={{ ...check.data, arrangement: check.data.model }} />
          <Findings findings={check.data.findings} />
          <h3 className="nhsuk-heading-s">Delegated budgets</h3>
          {check.data.budgets.allocation && (
            <p>
              The ICB holds {check.data.budgets.allocation.pounds} ({check.data.budgets.allocation.source}).
            </p>
          )}
          <Table
            testId="budgets"
            columns={['Held by', 'Budget', 'Decisions under it']}
            rows={check.data.budgets.holders.map((h) => ({
              key: h.id,
              head: h.name,
              cells: [h.pounds, h.decisions.map(decisionOf).join('; ') || 'None'],
            }))}
          />
        </section>
      )}
    </>
  );
}
