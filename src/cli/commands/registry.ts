import type { Command } from 'commander';
import { InvalidInput } from '../../errors.ts';
import { formatDate, today } from '../../law/date.ts';
import { kindWords, searchTables, treeTables } from '../../outputs/registry-tables.ts';
import type { Store } from '../../store/db.ts';
import { NotFound } from '../../store/errors.ts';
import { searchOrganisations, type TreeNode, treeOn } from '../../store/organisations.ts';
import { attribution, listSizesSource } from '../../store/reference/nhs-registry.ts';
import { type OrganisationKind, organisationKinds } from '../../store/schema.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { type Answer, emit, tableOptions, withTables } from '../table-output.ts';
import { withStore } from './platform.ts';
import { parseOn } from './rulebook.ts';

function parseKind(value: string | undefined): OrganisationKind | undefined {
  if (value === undefined) return undefined;
  if (!(organisationKinds as readonly string[]).includes(value))
    throw new InvalidInput(
      '--kind',
      `'${value}' is not a kind of organisation`,
      `Use one of ${organisationKinds.join(', ')}.`,
    );
  return value as OrganisationKind;
}

const kind = (k: string) => kindWords[k] ?? k;
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
    `${'  '.repeat(depth)}${node.code}  ${node.name} (${kind(node.kind)}): ${totals(node)}`,
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
      [...found.map((o) => `${o.code}  ${o.name} (${kind(o.kind)}) ${open(o)}`.trimEnd()), attribution].join(
        '\n',
      ),
    tables: () => searchTables(found, { q, kind: only }, today(), attribution),
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
    tables: () => treeTables(tree, on, listSizesSource, attribution),
  };
}

/** The NHS system registry from the command line: a search, and a tree on a date, as text or tables. */
export function registerRegistry(program: Command): void {
  const registry = program
    .command('registry')
    .description('The NHS system registry imported into the database.');
  tableOptions(
    registry
      .command('search')
      .description('Find organisations by ODS code or part of the name.')
      .argument('<q>', 'a code prefix or part of a name, e.g. M87 or dudley')
      .option('--kind <kind>', `only this kind: ${organisationKinds.join(', ')}`)
      .option('--limit <n>', 'at most this many (1 to 100)', '20')
      .option('--format <format>', 'text, json, csv or xlsx', 'text'),
  ).action(
    action(
      async (
        q: string,
        opts: { kind?: string; limit: string; format: string; out?: string; table?: string },
      ) => {
        const format = parseFormat(opts.format, withTables);
        const only = parseKind(opts.kind);
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100)
          throw new InvalidInput('--limit', `'${opts.limit}' is not a whole number from 1 to 100`);
        await emit(format, opts, await withStore((store) => searchAnswer(store, q, only, limit)));
        return exitCodes.ok;
      },
    ),
  );
  tableOptions(
    registry
      .command('tree')
      .description(
        "An organisation's structure on a date: sub-ICB locations, places, PCNs and practices, with registered patients.",
      )
      .argument('<code>', 'ODS or ONS code, e.g. QUA')
      .option('--kind <kind>', 'the kind of the organisation (codes are shared between kinds)', 'icb')
      .option('--on <date>', 'the date (YYYY-MM-DD); default today')
      .option('--format <format>', 'text, json, csv or xlsx', 'text'),
  ).action(
    action(
      async (
        code: string,
        opts: { kind: string; on?: string; format: string; out?: string; table?: string },
      ) => {
        const format = parseFormat(opts.format, withTables);
        const on = parseOn(opts.on);
        const kindOf = parseKind(opts.kind) as OrganisationKind;
        await emit(format, opts, await withStore((store) => treeAnswer(store, code, kindOf, on)));
        return exitCodes.ok;
      },
    ),
  );
}
