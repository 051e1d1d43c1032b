import type { Command } from 'commander';
import { describeRoles, rolesFor } from '../../api/auth.ts';
import { contractCreators } from '../../api/contract-permissions.ts';
import { type ContractFile, readContractFile } from '../../contracts/contract-file.ts';
import { partiesOf } from '../../contracts/particulars.ts';
import { replayContract } from '../../contracts/replay.ts';
import { InvalidInput } from '../../errors.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { contractTables, timelineTables } from '../../outputs/contract-tables.ts';
import { createContract } from '../../store/contracts.ts';
import type { Store } from '../../store/db.ts';
import { RefusedEvent } from '../../store/errors.ts';
import { findUserByEmail } from '../../store/users.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
import { describeContract, describeRefusal, describeTimeline } from './contract-text.ts';
import { withStore } from './platform.ts';
import { parseOn } from './rulebook.ts';

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
      const report = replayContract(loadRulebook(), readContractFile(file), parseOn(opts.on));
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
      const r = replayContract(loadRulebook(), readContractFile(file), parseOn(opts.on));
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
        const contractFile = readContractFile(file);
        const { code, text } = await withStore((store) =>
          importContract(store, contractFile, opts.as, opts.reason),
        );
        process.stdout.write(text);
        return code;
      }),
    );
}

/**
 * What `concordat contract import` does, and its exit code: stores the contract as the
 * account `email` (which must be allowed to enter it, as over the API) through
 * `createContract`, or stores nothing and names the refused event (exit 1).
 */
export async function importContract(
  store: Store,
  contractFile: ContractFile,
  email: string,
  reason: string,
): Promise<{ code: number; text: string }> {
  const user = await findUserByEmail(store.db, email);
  if (!user) throw new InvalidInput('--as', `there is no account '${email}'`);
  const parties = partiesOf(contractFile.particulars);
  const held = rolesFor(user, parties);
  if (!contractCreators.some((r) => held.has(r))) {
    throw new InvalidInput(
      '--as',
      `${user.email} holds ${describeRoles(user)}; entering this contract needs the role ${contractCreators.join(' or ')} England-wide or for a party to it (${parties.join(', ') || 'none named'})`,
    );
  }
  try {
    const stored = await createContract(
      store.db,
      loadRulebook(),
      contractFile,
      { userId: user.id, label: `${user.name} <${user.email}>` },
      reason,
    );
    return {
      code: exitCodes.ok,
      text: `Stored ${stored.name} as '${stored.id}' in ${store.location}: its particulars and ${contractFile.events.length} events, each step in the audit log as ${user.email}.\n`,
    };
  } catch (e) {
    if (!(e instanceof RefusedEvent)) throw e;
    return { code: exitCodes.findings, text: `Nothing stored.\n${describeRefusal(e.refusal)}\n` };
  }
}
