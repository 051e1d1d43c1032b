import { InvalidInput } from '../../core/errors.ts';
import { oglAttribution as attribution } from '../../core/open-government-licence.ts';
import type { OrganisationKind } from '../../core/organisations.ts';
import { kindName } from '../../core/organisations.ts';
import { formatDate, today } from '../../law/date.ts';
import { searchTables, treeTables } from '../../outputs/registry-tables.ts';
import type { Store } from '../../store/db.ts';
import { NotFound } from '../../store/errors.ts';
import { searchOrganisations, type TreeNode, treeOn } from '../../store/organisations.ts';
import { listSizesSource } from '../../system/nhs-registry.ts';
import type { Answer } from '../table-output.ts';

const open = (o: { opened: string | null; closed: string | null }) =>
  [o.opened && `from ${formatDate(o.opened)}`, o.closed && `until ${formatDate(o.closed)}`]
    .filter(Boolean)
    .join(' ');

/** "45 practices, 312,345 registered patients". */
function totals(node: TreeNode): string {
  const practices = `${node.practices.toLocaleString('en-GB')} practice${node.practices === 1 ? '' : 's'}`;
  return node.list_size === null
    ? practices
    : `${practices}, ${node.list_size.toLocaleString('en-GB')} registered patients`;
}

function describeTree(node: TreeNode, depth = 0): string[] {
  return [
    `${'  '.repeat(depth)}${node.code}  ${node.name} (${kindName(node.kind)}): ${totals(node)}`,
    ...node.children.flatMap((c) => describeTree(c, depth + 1)),
  ];
}

/** What `concordat registry search` answers: the organisations found, as text, JSON or a table. */
export async function searchAnswer(
  store: Store,
  q: string,
  only: OrganisationKind | undefined,
  limit: number,
): Promise<Answer> {
  const found = await searchOrganisations(store.db, q, { kind: only, limit });
  return {
    json: { organisations: found, attribution },
    text: () =>
      [
        ...found.map((o) => `${o.code}  ${o.name} (${kindName(o.kind)}) ${open(o)}`.trimEnd()),
        attribution,
      ].join('\n'),
    tables: () => searchTables(found, { q, kind: only }, today()),
  };
}

/** What `concordat registry tree` answers: the tree on the date; an unknown code is bad input. */
export async function treeAnswer(
  store: Store,
  code: string,
  of: OrganisationKind,
  on: string,
): Promise<Answer> {
  let tree: TreeNode;
  try {
    tree = await treeOn(store.db, code, of, on);
  } catch (e) {
    if (e instanceof NotFound)
      throw new InvalidInput('CODE', e.message, 'Find it with concordat registry search.');
    throw e;
  }
  return {
    json: { on, tree, list_sizes: listSizesSource, attribution },
    text: () =>
      [
        ...describeTree(tree),
        `Registered patients: list sizes on ${formatDate(listSizesSource.as_at)}.`,
        attribution,
      ].join('\n'),
    tables: () => treeTables(tree, on, listSizesSource),
  };
}
