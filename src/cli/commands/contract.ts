import type { Command } from 'commander';
import { readContractFile } from '../../contracts/contract-file.ts';
import { replayContract } from '../../contracts/replay.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { describeContract } from './contract-text.ts';
import { parseOn, print } from './rulebook.ts';

export function registerContract(program: Command): void {
  program
    .command('contract')
    .description(
      "Replay an ICP Contract's event file: its phase, services, population served, subcontracts, what is due, and any refused events with the rule.",
    )
    .argument('<file>', 'contract YAML file: particulars and dated events (see docs/contracts.md)')
    .option('--on <date>', 'replay events up to this date (YYYY-MM-DD); default today')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action((file: string, opts: { on?: string; format: string }) => {
        const format = parseFormat(opts.format);
        const on = parseOn(opts.on);
        const report = replayContract(loadRulebook(), readContractFile(file), on);
        print(format, report, () => describeContract(report));
        return report.state.refusals.length ? exitCodes.findings : exitCodes.ok;
      }),
    );
}
