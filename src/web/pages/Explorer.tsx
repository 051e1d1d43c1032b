import { useState } from 'react';
import { Select, TextInput } from '../components/forms.tsx';
import { OglAttribution } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { type TreeNode, useIcbs, useIcbTree, useOrganisationSearch } from '../endpoints.ts';
import { formatCount, formatDate, isIsoDate, todayInEngland } from '../format.ts';
import { navigate, useLocation } from '../router.ts';
import { kindName, orgHref } from './organisation-kinds.ts';

/**
 * The NHS system on a chosen date: pick an ICB to see its tree (places or sub-ICB locations,
 * PCNs, practices with their registered list sizes), or search any organisation by name or
 * ODS code. The date and ICB live in the address so a view can be shared.
 */
export function Explorer() {
  const url = useLocation();
  const on = url.searchParams.get('on') ?? todayInEngland();
  const icb = url.searchParams.get('icb') ?? '';
  const [dateText, setDateText] = useState(on);
  const [q, setQ] = useState('');
  const dateError = isIsoDate(dateText) ? undefined : 'Enter a real date, for example 2021-03-31';

  const go = (next: { on?: string; icb?: string }) => {
    const params = new URLSearchParams({
      on: next.on ?? on,
      ...((next.icb ?? icb) ? { icb: next.icb ?? icb } : {}),
    });
    navigate(`/explorer?${params}`, { replace: true });
  };

  return (
    <>
      <h1>System explorer</h1>
      <p>See how the NHS in England was organised on any date, from the CCGs of 2017 to the ICBs of today.</p>

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <TextInput
            id="on"
            label="Date"
            hint="For example 2021-03-31 for the last day of the CCGs"
            type="date"
            value={dateText}
            error={dateError}
            onChange={(text) => {
              setDateText(text);
              if (isIsoDate(text)) go({ on: text });
            }}
          />
          <IcbPicker on={on} icb={icb} onPick={(code) => go({ icb: code })} />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <TextInput
            id="search"
            label="Find an organisation"
            hint="A name or ODS code, like Dudley or M87001"
            type="search"
            value={q}
            onChange={setQ}
          />
          <SearchResults q={q} />
        </div>
      </div>

      {icb && <IcbTree code={icb} on={on} />}
      <OglAttribution />
    </>
  );
}

function IcbPicker({ on, icb, onPick }: { on: string; icb: string; onPick: (code: string) => void }) {
  const icbs = useIcbs(on);
  if (icbs.error) return <p className="nhsuk-error-message">Could not list ICBs: {icbs.error.message}</p>;
  const options = [
    {
      value: '',
      text: icbs.isPending ? 'Loading…' : `Choose one of ${icbs.data.length} on ${formatDate(on)}`,
    },
    ...(icbs.data ?? []).map((o) => ({ value: o.code, text: `${o.name} (${o.code})` })),
  ];
  return (
    <Select
      id="icb"
      label="Integrated care board (or, before July 2022, integrated care system)"
      value={icb}
      options={options}
      onChange={onPick}
    />
  );
}

function SearchResults({ q }: { q: string }) {
  const search = useOrganisationSearch(q);
  if (q.trim().length < 2) return null;
  if (search.isPending) return <p>Searching…</p>;
  if (search.error) return <p className="nhsuk-error-message">{search.error.message}</p>;
  if (search.data.length === 0) return <p>No organisation matches “{q}”.</p>;
  return (
    <ul className="nhsuk-list nhsuk-list--border" data-testid="search-results">
      {search.data.slice(0, 20).map((o) => (
        <li key={`${o.kind}:${o.code}`}>
          <Link href={orgHref(o)}>{o.name}</Link> <span className="nhsuk-body-s">({o.code})</span>
          {(o.kind === 'icb' || o.kind === 'stp') && (
            <>
              {' '}
              <Link href={`/explorer?icb=${encodeURIComponent(o.code)}`} className="nhsuk-body-s">
                See its structure
              </Link>
            </>
          )}
          <br />
          <span className="nhsuk-body-s">
            {kindName(o.kind)}
            {o.closed
              ? `, closed ${formatDate(o.closed)}`
              : o.opened
                ? `, open since ${formatDate(o.opened)}`
                : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

function listTotal(node: TreeNode): number {
  if (node.kind === 'practice') return node.list_size ?? 0;
  return node.children.reduce((sum, c) => sum + listTotal(c), 0);
}

function IcbTree({ code, on }: { code: string; on: string }) {
  const tree = useIcbTree(code, on);
  if (tree.isPending) return <p>Loading the structure on {formatDate(on)}…</p>;
  if (tree.error) return <p className="nhsuk-error-message">{tree.error.message}</p>;
  const root = tree.data;
  return (
    <section aria-labelledby="tree-title" data-testid="icb-tree">
      <h2 id="tree-title">
        {root.name} on {formatDate(on)}
      </h2>
      <p>
        {kindName(root.kind)} {root.code}: {formatCount(listTotal(root))} registered patients.{' '}
        <Link href={orgHref(root)}>History of changes</Link>
      </p>
      <ul className="nhsuk-list">
        {root.children.map((c) => (
          <Branch key={`${c.kind}:${c.code}`} node={c} />
        ))}
      </ul>
    </section>
  );
}

function Branch({ node }: { node: TreeNode }) {
  if (node.kind === 'practice') {
    return (
      <li>
        <Link href={orgHref(node)}>{node.name}</Link> ({node.code})
        {node.list_size != null && `: ${formatCount(node.list_size)} patients`}
      </li>
    );
  }
  return (
    <li>
      <details className="nhsuk-details nhsuk-u-margin-bottom-2">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            {kindName(node.kind)}: {node.name} ({node.code}), {formatCount(listTotal(node))} patients
          </span>
        </summary>
        <div className="nhsuk-details__text">
          <ul className="nhsuk-list">
            {node.children.map((c) => (
              <Branch key={`${c.kind}:${c.code}`} node={c} />
            ))}
          </ul>
        </div>
      </details>
    </li>
  );
}
