import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { OrganisationKind } from '../core/organisations.ts';
import type { IsoDate } from '../law/date.ts';
import { NotFound } from './errors.ts';
import type { Database } from './schema.ts';

export interface Organisation {
  code: string;
  kind: OrganisationKind;
  name: string;
  opened: string | null;
  closed: string | null;
}

export interface OrganisationDetail extends Organisation {
  parents: { code: string; kind: OrganisationKind; name: string; from: string; to: string | null }[];
  predecessors: { code: string; kind: OrganisationKind; name: string; on: string }[];
  successors: { code: string; kind: OrganisationKind; name: string; on: string }[];
}

export interface TreeNode extends Organisation {
  /**
   * Registered patients: a practice's latest published list size on or before the date;
   * for anything else, the sum over the practices under it that have one (null if none do).
   */
  list_size: number | null;
  /** Practices under it (1 for a practice), and how many of them have a list size. */
  practices: number;
  practices_with_list_size: number;
  children: TreeNode[];
}

const columns = ['code', 'kind', 'name', 'opened', 'closed'] as const;

/** The order kinds are listed in search results: the bodies that hold the most first. */
const searchOrder: OrganisationKind[] = [
  'region',
  'icb',
  'stp',
  'ccg',
  'place',
  'local-authority',
  'sub-icb-location',
  'trust',
  'pcn',
  'practice',
];

/**
 * Organisations whose code starts with, or whose name contains, the text (codes first, then
 * names A–Z). The registry's busiest read, so its SQL is written once rather than built per
 * request, and shaped so one plan serves every search: the code prefix is a range
 * (`~>=~`/`~<~`, which the `text_pattern_ops` index answers with the bounds as parameters)
 * and the name a trigram `like`. On PostgreSQL the statement is prepared once per
 * connection (named-statements.ts) and the server keeps a generic plan, so a search costs
 * no parsing or planning (docs/api.md has the measurements). Someone looking for "Black
 * Country" wants the ICB, then its places and trusts, before its 170 practices; bodies that
 * still exist before those that have closed.
 */
const searchSql = `select code, kind, name, opened, closed, exact, open, rank from (
  select code, kind, name, opened, closed,
    case when upper(code) = $5 then 0 else 1 end as exact,
    case when closed is null then 0 else 1 end as open,
    case kind ${searchOrder.map((k, i) => `when '${k}' then ${i}`).join(' ')} else ${searchOrder.length} end as rank
  from organisations
  where ((upper(code) ~>=~ $1 and upper(code) ~<~ $2) or lower(name) like $3)
    and ($4::text is null or kind = $4)
) found
where $7::int is null or (exact, open, rank, name, kind, code) > ($7, $8, $9, $10, $11, $12)
order by exact, open, rank, name, kind, code
limit $6`;

/**
 * Where a search result sits in the search's order (code match, open, kind, name, kind,
 * code: unique, as a code is unique within its kind), for reading the next page after it.
 */
export type SearchKey = [number, number, number, string, string, string];

/** The first text after every text that starts with `prefix`, in byte (and so code point) order. */
export function prefixEnd(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()?.codePointAt(0) ?? 0;
  return chars.join('') + String.fromCodePoint(last + 1);
}

export async function searchOrganisations(
  db: Kysely<Database>,
  q: string,
  options: { kind?: OrganisationKind | undefined; limit?: number; after?: SearchKey | undefined } = {},
): Promise<(Organisation & { key: SearchKey })[]> {
  const text = q.trim();
  const code = text.toUpperCase();
  const name = `%${text.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
  // An empty prefix, or one ending in the last code point, matches every code and is left to the name.
  const usable = code !== '' && !code.endsWith('\u{10ffff}');
  const after = options.after ?? [null, null, null, null, null, null];
  const { rows } = await db.executeQuery<Organisation & { exact: number; open: number; rank: number }>(
    CompiledQuery.raw(searchSql, [
      usable ? code : '',
      usable ? prefixEnd(code) : '\u{10ffff}',
      name,
      options.kind ?? null,
      code,
      options.limit ?? 20,
      ...after,
    ]),
  );
  return rows.map(({ exact, open, rank, ...o }) => ({
    ...o,
    key: [exact, open, rank, o.name, o.kind, o.code],
  }));
}

export async function getOrganisation(
  db: Kysely<Database>,
  code: string,
  kind?: OrganisationKind,
): Promise<OrganisationDetail> {
  let query = db
    .selectFrom('organisations')
    .select(['id', ...columns])
    .where('code', '=', code.toUpperCase());
  if (kind) query = query.where('kind', '=', kind);
  // The same code can name a CCG and its successor sub-ICB location: prefer the one still open.
  const org = await query.orderBy(sql`closed is null`, 'desc').orderBy('opened', 'desc').executeTakeFirst();
  if (!org) throw new NotFound('organisation', code);
  const parents = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as p', 'p.id', 'm.parent_id')
    .select(['p.code', 'p.kind', 'p.name', 'm.valid_from as from', 'm.valid_to as to'])
    .where('m.child_id', '=', org.id)
    .orderBy('m.valid_from')
    .execute();
  const predecessors = await db
    .selectFrom('successions as s')
    .innerJoin('organisations as o', 'o.id', 's.predecessor_id')
    .select(['o.code', 'o.kind', 'o.name', 's.on_date as on'])
    .where('s.successor_id', '=', org.id)
    .orderBy('o.code')
    .execute();
  const successors = await db
    .selectFrom('successions as s')
    .innerJoin('organisations as o', 'o.id', 's.successor_id')
    .select(['o.code', 'o.kind', 'o.name', 's.on_date as on'])
    .where('s.predecessor_id', '=', org.id)
    .orderBy('o.code')
    .execute();
  const { id: _id, ...rest } = org;
  return { ...rest, parents, predecessors, successors };
}

/**
 * An organisation and everything under it on a date: an ICB's sub-ICB locations and
 * places, their PCNs and practices; in the CCG era an ICS's CCGs. Memberships not in
 * force on the date are left out. Places are listed under their ICB without their PCNs
 * (those appear under their sub-ICB location); ask for a place's own tree to see them.
 */
export async function treeOn(
  db: Kysely<Database>,
  code: string,
  kind: OrganisationKind,
  on: IsoDate,
): Promise<TreeNode> {
  const root = await db
    .selectFrom('organisations')
    .select(['id', ...columns])
    .where('code', '=', code.toUpperCase())
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!root) throw new NotFound(kind, code);
  const nodes = new Map<number, TreeNode>();
  const strip = ({ id: _id, ...o }: { id: number } & Organisation): TreeNode => ({
    ...o,
    list_size: null,
    practices: 0,
    practices_with_list_size: 0,
    children: [],
  });
  nodes.set(root.id, strip(root));
  let frontier = [root.id];
  while (frontier.length) {
    const rows = await db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.child_id')
      .select(['m.parent_id', 'o.id', 'o.code', 'o.kind', 'o.name', 'o.opened', 'o.closed'])
      .where('m.parent_id', 'in', frontier)
      .where('m.valid_from', '<=', on)
      .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>=', on)]))
      .orderBy('o.kind')
      .orderBy('o.name')
      .execute();
    frontier = [];
    for (const { parent_id, ...child } of rows) {
      if (nodes.has(child.id)) continue;
      const node = strip(child);
      nodes.set(child.id, node);
      nodes.get(parent_id)?.children.push(node);
      // A place groups PCNs that also sit in a sub-ICB location: list places, walk the sub-ICB side.
      if (child.kind !== 'place' || root.kind === 'place') frontier.push(child.id);
    }
  }
  await addListSizes(db, nodes, on);
  const tree = nodes.get(root.id) as TreeNode;
  addTotals(tree);
  // A place listed under its ICB has no children here: total the PCNs it groups on the date.
  const places = [...nodes].filter(([, n]) => n.kind === 'place' && n.children.length === 0);
  if (places.length) {
    const pcnsOfPlaces = await db
      .selectFrom('memberships')
      .select(['parent_id', 'child_id'])
      .where(
        'parent_id',
        'in',
        places.map(([id]) => id),
      )
      .where('valid_from', '<=', on)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
      .execute();
    for (const { parent_id, child_id } of pcnsOfPlaces) {
      const place = nodes.get(parent_id);
      const pcn = nodes.get(child_id);
      if (place && pcn) addTo(place, pcn);
    }
  }
  return tree;
}

/** Each practice's latest list size on or before the date. */
async function addListSizes(db: Kysely<Database>, nodes: Map<number, TreeNode>, on: IsoDate) {
  const practiceIds = [...nodes].filter(([, n]) => n.kind === 'practice').map(([id]) => id);
  for (let i = 0; i < practiceIds.length; i += 1000) {
    const rows = await db
      .selectFrom('list_sizes')
      .select(['organisation_id', 'list_size'])
      .distinctOn('organisation_id')
      .where('organisation_id', 'in', practiceIds.slice(i, i + 1000))
      .where('as_at', '<=', on)
      .orderBy('organisation_id')
      .orderBy('as_at', 'desc')
      .execute();
    for (const r of rows) {
      const node = nodes.get(r.organisation_id);
      if (node) node.list_size = r.list_size;
    }
  }
}

function addTotals(node: TreeNode): void {
  if (node.kind === 'practice') {
    node.practices = 1;
    node.practices_with_list_size = node.list_size === null ? 0 : 1;
    return;
  }
  for (const child of node.children) {
    addTotals(child);
    addTo(node, child);
  }
}

function addTo(total: TreeNode, part: TreeNode): void {
  total.practices += part.practices;
  total.practices_with_list_size += part.practices_with_list_size;
  if (part.list_size !== null) total.list_size = (total.list_size ?? 0) + part.list_size;
}

/** Each practice's latest published list size on or before a date, and the day it counted patients on. */
export async function listSizesOfPractices(
  db: Kysely<Database>,
  practices: readonly string[],
  on: string,
): Promise<Map<string, { list_size: number; as_at: string }>> {
  if (practices.length === 0) return new Map();
  const rows = await db
    .selectFrom('list_sizes as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select(['o.code', 'l.list_size', 'l.as_at'])
    .distinctOn('o.code')
    .where('o.kind', '=', 'practice')
    .where('o.code', 'in', [...practices])
    .where('l.as_at', '<=', on)
    .orderBy('o.code')
    .orderBy('l.as_at', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.code, { list_size: r.list_size, as_at: r.as_at }]));
}

/**
 * The primary care network each of these practices belonged to on a date, by practice
 * code (practices in no PCN then are left out): lets a place be built a PCN at a time.
 */
export async function pcnsOfPractices(
  db: Kysely<Database>,
  practices: readonly string[],
  on: string,
): Promise<Map<string, { code: string; name: string }>> {
  if (practices.length === 0) return new Map();
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as c', 'c.id', 'm.child_id')
    .innerJoin('organisations as p', 'p.id', 'm.parent_id')
    .select(['c.code as practice', 'p.code', 'p.name'])
    .where('c.kind', '=', 'practice')
    .where('p.kind', '=', 'pcn')
    .where('c.code', 'in', [...practices])
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>=', on)]))
    .orderBy('m.valid_from')
    .execute();
  return new Map(rows.map((r) => [r.practice, { code: r.code, name: r.name }]));
}
