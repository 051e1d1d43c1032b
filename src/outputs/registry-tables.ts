/** The NHS system registry as tables: a search, an organisation's tree on a date, an organisation's history. */

import { oglAttribution } from '../core/open-government-licence.ts';
import { kindName } from '../core/organisations.ts';
import type { Organisation, OrganisationDetail, TreeNode } from '../store/organisations.ts';
import type { Column, Table, TableSet } from './table.ts';

const text = (key: string, heading: string): Column => ({ key, heading, kind: 'text' });
const date = (key: string, heading: string): Column => ({ key, heading, kind: 'date' });

/** Every source the registry comes from, cited once. */
const registrySources = [
  { title: oglAttribution, url: 'https://digital.nhs.uk/services/organisation-data-service' },
];

export function searchTables(
  found: readonly Organisation[],
  asked: { q: string; kind?: string | undefined },
  asOf: string,
): TableSet {
  const table: Table = {
    id: 'organisations',
    title: 'Organisations found',
    columns: [
      text('code', 'ODS code'),
      text('kind', 'Kind'),
      text('name', 'Name'),
      date('opened', 'Opened'),
      date('closed', 'Closed'),
    ],
    rows: found.map((o) => ({
      code: o.code,
      kind: kindName(o.kind),
      name: o.name,
      opened: o.opened,
      closed: o.closed,
    })),
  };
  return {
    title: `Registry search for "${asked.q}"${asked.kind ? ` (${kindName(asked.kind)})` : ''}`,
    asOf,
    sources: registrySources,
    tables: [table],
  };
}

/**
 * A tree on a date, one row per organisation in it, parents before their members: its level
 * (0 for the root), what it belongs to, its practices and registered patients. List sizes
 * are published counts of whole practices, not small numbers about patients, so they stay as
 * published.
 */
export function treeTables(
  tree: TreeNode,
  on: string,
  listSizes: { as_at: string; source: string },
): TableSet {
  const rows: Table['rows'] = [];
  const walk = (node: TreeNode, level: number, parent: TreeNode | undefined) => {
    rows.push({
      level,
      code: node.code,
      kind: kindName(node.kind),
      name: node.name,
      parent: parent?.code ?? null,
      practices: node.practices,
      list_size: node.list_size,
      with_list_size: node.practices_with_list_size,
    });
    for (const child of node.children) walk(child, level + 1, node);
  };
  walk(tree, 0, undefined);
  return {
    title: `${tree.name} (${tree.code}) on the date`,
    asOf: on,
    sources: [...registrySources, { title: listSizes.source, at: `as at ${listSizes.as_at}` }],
    tables: [
      {
        id: 'tree',
        title: 'Structure',
        columns: [
          { key: 'level', heading: 'Level', kind: 'count' },
          text('code', 'ODS code'),
          text('kind', 'Kind'),
          text('name', 'Name'),
          text('parent', 'Part of (ODS code)'),
          { key: 'practices', heading: 'Practices', kind: 'count' },
          { key: 'list_size', heading: 'Registered patients', kind: 'count' },
          { key: 'with_list_size', heading: 'Practices with a list size', kind: 'count' },
        ],
        rows,
      },
    ],
  };
}

/** An organisation's history: what it took over from, what it was part of and when, what succeeded it. */
export function historyTables(o: OrganisationDetail, asOf: string): TableSet {
  const row = (
    change: string,
    other: { code: string; kind: string; name: string },
    from: string | null,
    to: string | null,
  ) => ({ change, from, to, code: other.code, kind: kindName(other.kind), name: other.name });
  return {
    title: `${o.name} (${o.code}): history`,
    asOf,
    sources: registrySources,
    tables: [
      {
        id: 'history',
        title: 'History of changes',
        columns: [
          text('change', 'Change'),
          date('from', 'From'),
          date('to', 'To'),
          text('code', 'ODS code'),
          text('kind', 'Kind'),
          text('name', 'Name'),
        ],
        rows: [
          ...o.predecessors.map((p) => row('Took over from', p, p.on, null)),
          ...o.parents.map((m) => row('Part of', m, m.from, m.to)),
          ...o.successors.map((s) => row('Succeeded by', s, s.on, null)),
        ],
      },
    ],
  };
}
