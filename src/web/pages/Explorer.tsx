import { useEffect, useState } from 'react';
import { formatDate, isIsoDate, today as todayInEngland } from '../../core/dates.ts';
import { kindName } from '../../core/organisations.ts';
import { DateInput } from '../components/DateInput.tsx';
import { Downloads } from '../components/Downloads.tsx';
import { Select, TextInput } from '../components/forms.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { type TreeNode, useOrganisation, useOrganisationSearch, useTree } from '../endpoints.ts';
import { formatCount } from '../format.ts';
import { organisationName } from '../names.ts';
import { navigate, useLocation } from '../router.ts';
import { OrganisationIcs } from './OrganisationIcs.tsx';
import { orgHref, treeHref } from './organisation-kinds.ts';

const searchKinds = [
  { value: '', text: 'Any kind' },
  { value: 'icb', text: 'Integrated care boards' },
  { value: 'stp', text: 'Integrated care systems before July 2022' },
  { value: 'sub-icb-location', text: 'Sub-ICB locations' },
  { value: 'ccg', text: 'Clinical commissioning groups' },
  { value: 'place', text: 'Places' },
  { value: 'pcn', text: 'Primary care networks' },
  { value: 'practice', text: 'GP practices' },
  { value: 'trust', text: 'NHS trusts' },
  { value: 'region', text: 'NHS regions' },
];

/** Kinds whose structure is worth drawing as a tree. */
const treeKinds = new Set(['region', 'icb', 'stp', 'sub-icb-location', 'ccg', 'place', 'pcn']);
/** Kinds shown by the operating models that name them: the partnerships and collaboratives they are in. */
const partnerKinds = new Set(['trust', 'local-authority']);

/**
 * The NHS system on a chosen date: find an organisation by name or ODS code, then see its
 * tree on that date (an ICB's sub-ICB locations and places, PCNs, and practices). The date
 * and organisation live in the address so a view can be shared.
 */
export function Explorer() {
  const url = useLocation();
  const on = url.searchParams.get('on') ?? todayInEngland();
  const org = url.searchParams.get('org') ?? '';
  const kind = url.searchParams.get('kind') ?? 'icb';
  const [dateText, setDateText] = useState(on);
  useEffect(() => setDateText(on), [on]);
  const [q, setQ] = useState('');
  const [searchKind, setSearchKind] = useState('');
  const dateError = isIsoDate(dateText) ? undefined : 'The date must be a real date, like 31 3 2021';

  const changeDate = (text: string) => {
    setDateText(text);
    if (isIsoDate(text)) navigate(treeHref({ code: org, kind }, text), { replace: true });
  };

  return (
    <>
      <h1>System explorer</h1>
      <p>
        See how the NHS in England was organised on any date: the clinical commissioning groups until 30 June
        2022, the 42 integrated care boards from 1 July 2022, and the 36 after the mergers of 1 April 2026.
      </p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <DateInput
            id="on"
            legend="Date"
            hint="For example, 30 6 2022, the last day clinical commissioning groups existed"
            value={dateText}
            error={dateError}
            onChange={changeDate}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <TextInput
            id="search"
            label="Find an organisation"
            hint="A name or ODS code, like Black Country or QUA"
            type="search"
            value={q}
            onChange={setQ}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select
            id="search-kind"
            label="Kind"
            value={searchKind}
            options={searchKinds}
            onChange={setSearchKind}
          />
        </div>
      </div>
      <SearchResults q={q} kind={searchKind} on={on} />
      {org && partnerKinds.has(kind) ? (
        <Partner code={org} kind={kind} on={on} />
      ) : org ? (
        <Tree code={org} kind={kind} on={on} />
      ) : (
        <p>Find an integrated care board (or any organisation) above to see its structure on the date.</p>
      )}
      <OglAttribution />
    </>
  );
}

function SearchResults({ q, kind, on }: { q: string; kind: string; on: string }) {
  const search = useOrganisationSearch(q, kind);
  if (q.trim().length < 2) return null;
  if (search.isPending) return <p>Searching…</p>;
  if (search.error) return <p className="nhsuk-error-message">{search.error.message}</p>;
  const found = search.data.items;
  if (found.length === 0) return <p>No organisation matches “{q.trim()}”.</p>;
  return (
    <>
      <h2 className="nhsuk-heading-s">
        {found.length === 50
          ? 'The first 50 matches'
          : `${found.length} ${found.length === 1 ? 'match' : 'matches'}`}
      </h2>
      <Downloads
        what="the organisations found"
        table="organisations"
        resource={{
          path: '/api/organisations',
          query: { q: q.trim(), kind: kind || undefined, limit: '50' },
        }}
      />
      <ul className="nhsuk-list concordat-results" data-testid="search-results">
        {found.map((o) => (
          <li key={`${o.kind}:${o.code}`}>
            <Link href={orgHref(o)}>{organisationName(o.name)}</Link>
            <span className="nhsuk-body-s concordat-secondary">
              {' '}
              {kindName(o.kind)} {o.code}
              {o.opened && `, from ${formatDate(o.opened)}`}
              {o.closed && ` until ${formatDate(o.closed)}`}
            </span>
            {/* On a line of its own: a link inside grey text would be told apart by colour alone. */}
            {treeKinds.has(o.kind) && (
              <span className="nhsuk-body-s concordat-secondary">
                <Link href={treeHref(o, on)}>Structure on {formatDate(on)}</Link>
              </span>
            )}
            {partnerKinds.has(o.kind) && (
              <span className="nhsuk-body-s concordat-secondary">
                <Link href={treeHref(o, on)}>Partnerships and collaboratives on {formatDate(on)}</Link>
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** "45 practices, 312,345 registered patients (list sizes for 44 of them)". */
function describeTotals(node: TreeNode): string {
  const practices = `${formatCount(node.practices)} ${node.practices === 1 ? 'practice' : 'practices'}`;
  if (node.list_size === null) return practices;
  const partial =
    node.practices_with_list_size < node.practices
      ? ` (list sizes for ${formatCount(node.practices_with_list_size)} of them)`
      : '';
  return `${practices}, ${formatCount(node.list_size)} registered patients${partial}`;
}

function Tree({ code, kind, on }: { code: string; kind: string; on: string }) {
  const tree = useTree(code, kind, on);
  if (tree.isPending) return <p>Loading the structure on {formatDate(on)}…</p>;
  if (tree.error) return <p className="nhsuk-error-message">{tree.error.message}</p>;
  const root = tree.data.tree;
  const existed = inExistence(root, tree.data.on);
  return (
    <section aria-labelledby="tree-title" data-testid="tree">
      <h2 id="tree-title">
        {organisationName(root.name)} on {formatDate(tree.data.on)}
      </h2>
      <p>
        {kindName(root.kind)} {root.code}
        {existed ? `: ${describeTotals(root)}.` : '.'} <Link href={orgHref(root)}>History of changes</Link>
      </p>
      <p className="nhsuk-body-s">
        Registered patients are practice list sizes on {formatDate(tree.data.list_sizes.as_at)}, from{' '}
        {tree.data.list_sizes.source}; a practice that opened later has none.
      </p>
      <Downloads
        what={`the structure of ${organisationName(root.name)}`}
        table="tree"
        resource={{
          path: `/api/organisations/${encodeURIComponent(code)}/tree`,
          query: { on: tree.data.on, kind },
        }}
      />
      <NotInExistence code={code} kind={kind} on={tree.data.on} opened={root.opened} closed={root.closed} />
      {root.children.length === 0 && existed && <p>It had no members on this date.</p>}
      <ul className="nhsuk-list">
        {root.children.map((c) => (
          <Branch key={`${c.kind}:${c.code}`} node={c} on={on} />
        ))}
      </ul>
      {root.kind === 'icb' && <OrganisationIcs code={root.code} on={tree.data.on} governance={false} />}
    </section>
  );
}

/** A trust or council on the date: the place partnerships and provider collaboratives it was in. */
function Partner({ code, kind, on }: { code: string; kind: string; on: string }) {
  const org = useOrganisation(code, kind);
  if (org.isPending) return <p>Loading…</p>;
  if (org.error) return <p className="nhsuk-error-message">{org.error.message}</p>;
  return (
    <section data-testid="partner">
      <p>
        <Link href={orgHref(org.data)}>{organisationName(org.data.name)}</Link> ({kindName(org.data.kind)}{' '}
        {org.data.code})
      </p>
      <OrganisationIcs code={code} on={on} governance={false} />
    </section>
  );
}

const inExistence = (o: { opened: string | null; closed: string | null }, on: string) =>
  (o.opened === null || o.opened <= on) && (o.closed === null || on <= o.closed);

/**
 * Said plainly when the date falls outside the organisation's life (an ICB on a 2021 date, a
 * CCG after 30 June 2022), naming what came before or after it, instead of an empty tree.
 */
function NotInExistence({
  code,
  kind,
  on,
  opened,
  closed,
}: {
  code: string;
  kind: string;
  on: string;
  opened: string | null;
  closed: string | null;
}) {
  const before = opened !== null && on < opened;
  const after = closed !== null && closed < on;
  const detail = useOrganisation(code, kind, before || after);
  if (!before && !after) return null;
  const name = detail.data ? organisationName(detail.data.name) : code;
  const others = (before ? detail.data?.predecessors : detail.data?.successors) ?? [];
  return (
    <div className="nhsuk-inset-text" data-testid="not-in-existence">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        {before
          ? `${name} did not exist yet on ${formatDate(on)}: it was established on ${formatDate(opened as string)}.`
          : `${name} no longer existed on ${formatDate(on)}: it closed on ${formatDate(closed as string)}.`}
      </p>
      {others.length > 0 && (
        <p>
          {before ? 'It took over from: ' : 'Its work passed to: '}
          {others.map((o, i) => (
            <span key={`${o.kind}:${o.code}`}>
              {i > 0 && ', '}
              <Link href={treeHref(o, on)}>{organisationName(o.name)}</Link>
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}

function Branch({ node, on }: { node: TreeNode; on: string }) {
  if (node.kind === 'practice' || node.children.length === 0) {
    return (
      <li>
        {kindName(node.kind)}: <Link href={orgHref(node)}>{organisationName(node.name)}</Link> ({node.code})
        {node.kind === 'practice'
          ? node.list_size !== null && `, ${formatCount(node.list_size)} registered patients`
          : `, ${describeTotals(node)}`}
        {node.kind === 'place' && (
          <>
            {' · '}
            <Link href={treeHref(node, on)}>Its PCNs and practices</Link>
          </>
        )}
      </li>
    );
  }
  return (
    <li>
      <details className="nhsuk-details nhsuk-u-margin-bottom-2">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            {kindName(node.kind)}: {organisationName(node.name)} ({node.code}), {describeTotals(node)}
          </span>
        </summary>
        <div className="nhsuk-details__text">
          <p className="nhsuk-body-s">
            <Link href={orgHref(node)}>History of {organisationName(node.name)}</Link>
          </p>
          <ul className="nhsuk-list">
            {node.children.map((c) => (
              <Branch key={`${c.kind}:${c.code}`} node={c} on={on} />
            ))}
          </ul>
        </div>
      </details>
    </li>
  );
}
