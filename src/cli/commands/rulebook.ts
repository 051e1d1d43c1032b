import type { Command } from 'commander';
import { InvalidInput } from '../../core/errors.ts';
import { isIsoDate, today } from '../../law/date.ts';
import { topics } from '../../law/topics.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
import { describeEntry, describeReport, describeRules, describeScenarioResults } from './rulebook-text.ts';

export function parseOn(value: string | undefined): string {
  if (value === undefined) return today();
  if (!isIsoDate(value)) {
    throw new InvalidInput(
      '--on',
      `'${value}' is not a date`,
      'Write it as YYYY-MM-DD, for example 2018-06-01.',
    );
  }
  return value;
}

export function print(format: string, json: unknown, text: () => string): void {
  process.stdout.write(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${text()}\n`);
}

export function registerRulebook(program: Command): void {
  tableOptions(
    program
      .command('check')
      .description('Check an arrangement file against the rules in force on a date.')
      .argument('<file>', 'arrangement YAML file')
      .option('--on <date>', 'the date to check on (YYYY-MM-DD); default today')
      .option('--format <format>', 'text, json, csv or xlsx (the findings)', 'text'),
  ).action(
    action(async (file: string, opts: { on?: string; format: string; out?: string; table?: string }) => {
      const format = parseFormat(opts.format, withTables);
      const on = parseOn(opts.on);
      const [{ askOfFile }, { checkArrangement }, { loadRulebook }, { findingsTables }] = await Promise.all([
        import('../../law/arrangement-file.ts'),
        import('../../law/check.ts'),
        import('../../law/rulebook.ts'),
        import('../../outputs/law-tables.ts'),
      ]);
      const report = askOfFile(file, (a) => checkArrangement(loadRulebook(), a, on));
      await emit(format, opts, {
        json: report,
        text: () => describeReport(report),
        tables: () => findingsTables(report),
      });
      return report.lawful ? exitCodes.ok : exitCodes.findings;
    }),
  );

  program
    .command('rules')
    .description('List the rules in force on a date.')
    .option('--on <date>', 'the date (YYYY-MM-DD); default today')
    .option('--topic <topic>', `one of ${topics.join(', ')}`)
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (opts: { on?: string; topic?: string; format: string }) => {
        const format = parseFormat(opts.format);
        const on = parseOn(opts.on);
        if (opts.topic && !(topics as readonly string[]).includes(opts.topic)) {
          throw new InvalidInput(
            '--topic',
            `'${opts.topic}' is not a topic`,
            `Use one of ${topics.join(', ')}.`,
          );
        }
        const { loadRulebook } = await import('../../law/rulebook.ts');
        const rulebook = loadRulebook();
        const rules = [...rulebook.entries.values()]
          .filter((e) => !opts.topic || e.topic === opts.topic)
          .flatMap((entry) => {
            const version = rulebook.versionOn(entry, on);
            return version ? [{ entry, version }] : [];
          });
        print(
          format,
          rules.map(({ entry, version }) => ({
            id: entry.id,
            title: entry.title,
            kind: entry.kind,
            topic: entry.topic,
            from: version.from,
            to: version.to ?? null,
            outside_seeds: entry.outside_seeds,
            citations: rulebook.resolve(version.cite).map((c) => c.text),
          })),
          () => describeRules(rulebook, rules, on),
        );
        return exitCodes.ok;
      }),
    );

  program
    .command('explain')
    .description('Explain one rule: every dated version, what it says and where it comes from.')
    .argument('<rule-id>')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (id: string, opts: { format: string }) => {
        const format = parseFormat(opts.format);
        const { loadRulebook } = await import('../../law/rulebook.ts');
        const rulebook = loadRulebook();
        const entry = rulebook.entry(id);
        print(
          format,
          { ...entry, versions: entry.versions.map((v) => ({ ...v, cite: rulebook.resolve(v.cite) })) },
          () => describeEntry(rulebook, entry),
        );
        return exitCodes.ok;
      }),
    );

  program
    .command('test')
    .description('Run the worked scenarios in rulebook/scenarios/ and report any that fail.')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (opts: { format: string }) => {
        const format = parseFormat(opts.format);
        const [{ loadRulebook }, { runScenarios }] = await Promise.all([
          import('../../law/rulebook.ts'),
          import('../../law/scenario.ts'),
        ]);
        const results = runScenarios(loadRulebook());
        print(
          format,
          results.map((r) => ({ id: r.scenario.id, file: r.file, passed: r.passed, failures: r.failures })),
          () => describeScenarioResults(results),
        );
        return results.every((r) => r.passed) ? exitCodes.ok : exitCodes.findings;
      }),
    );
}
