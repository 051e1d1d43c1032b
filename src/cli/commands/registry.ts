import type { Command } from 'commander';
import { InvalidInput } from '../../core/errors.ts';
import { type OrganisationKind, organisationKinds } from '../../core/organisations.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
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
        const [{ withStore }, { searchAnswer }] = await Promise.all([
          import('./store-session.ts'),
          import('./registry-answers.ts'),
        ]);
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
        const [{ withStore }, { treeAnswer }] = await Promise.all([
          import('./store-session.ts'),
          import('./registry-answers.ts'),
        ]);
        await emit(format, opts, await withStore((store) => treeAnswer(store, code, kindOf, on)));
        return exitCodes.ok;
      },
    ),
  );
}
