import type { Command } from 'commander';
import { action, exitCodes, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
import { describeContract, describeTimeline } from './contract-text.ts';
import { parseOn } from './rulebook.ts';

/** The contract engine and the rulebook, loaded by the commands that replay a contract. */
async function replayer() {
  const [{ replayContract }, { readContractFile }, { loadRulebook }] = await Promise.all([
    import('../../contracts/replay.ts'),
    import('../../contracts/contract-file.ts'),
    import('../../law/rulebook.ts'),
  ]);
  return (file: string, on: string | undefined) =>
    replayContract(loadRulebook(), readContractFile(file), parseOn(on));
}

export function registerContract(program: Command): void {
  const contract = program
    .command('contract')
    .description(
      'ICP Contracts: replay an event file, print its dated life, or store it with every step audited.',
    );

  tableOptions(
    contract
      .command('replay', { isDefault: true })
      .description(
        "Replay an ICP Contract's event file: its phase, services, population served, subcontracts, what is due, and any refused events with the rule (the default: `concordat contract FILE`).",
      )
      .argument('<file>', 'contract YAML file: particulars and dated events (see docs/contracts.md)')
      .option('--on <date>', 'replay events up to this date (YYYY-MM-DD); default today')
      .option(
        '--format <format>',
        'text, json, csv or xlsx (the compliance calendar, subcontracts, practices, performance)',
        'text',
      ),
  ).action(
    action(async (file: string, opts: { on?: string; format: string; out?: string; table?: string }) => {
      const format = parseFormat(opts.format, withTables);
      const [replay, { contractTables }] = await Promise.all([
        replayer(),
        import('../../outputs/contract-tables.ts'),
      ]);
      const report = replay(file, opts.on);
      await emit(format, opts, {
        json: report,
        text: () => describeContract(report),
        tables: () => contractTables(report),
      });
      return report.state.refusals.length ? exitCodes.findings : exitCodes.ok;
    }),
  );

  tableOptions(
    contract
      .command('timeline')
      .description(
        "A contract's dated life: each event and each step that happens by date (expiry, the end of notice), with the rule, then what falls due next.",
      )
      .argument('<file>', 'contract YAML file')
      .option('--on <date>', 'up to this date (YYYY-MM-DD); default today')
      .option(
        '--format <format>',
        'text, json, csv or xlsx (the timeline, then what falls due next)',
        'text',
      ),
  ).action(
    action(async (file: string, opts: { on?: string; format: string; out?: string; table?: string }) => {
      const format = parseFormat(opts.format, withTables);
      const [replay, { timelineTables }] = await Promise.all([
        replayer(),
        import('../../outputs/contract-tables.ts'),
      ]);
      const r = replay(file, opts.on);
      const json = {
        contract: r.contract,
        on: r.on,
        phase: r.state.phase,
        timeline: r.state.timeline,
        next_due: r.next_due,
      };
      await emit(format, opts, { json, text: () => describeTimeline(r), tables: () => timelineTables(r) });
      return r.state.refusals.length ? exitCodes.findings : exitCodes.ok;
    }),
  );

  contract
    .command('import')
    .description(
      'Store a contract file in the database as a user: its particulars, then each event recorded in turn through the contract rules, each with an audit entry. All or nothing: one refused event and nothing is stored.',
    )
    .argument('<file>', 'contract YAML file')
    .requiredOption('--as <email>', 'the account entering it: a commissioner of a party, or an administrator')
    .option('--reason <text>', 'why it is entered, for the audit log', 'Entered from a contract file')
    .action(
      action(async (file: string, opts: { as: string; reason: string }) => {
        const [{ readContractFile }, { withStore }, { importContract }] = await Promise.all([
          import('../../contracts/contract-file.ts'),
          import('./store-session.ts'),
          import('./contract-store.ts'),
        ]);
        const contractFile = readContractFile(file);
        const { code, text } = await withStore((store) =>
          importContract(store, contractFile, opts.as, opts.reason),
        );
        process.stdout.write(text);
        return code;
      }),
    );
}
