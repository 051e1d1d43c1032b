import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { verifyAudit } from '../../store/audit.ts';
import { openStore, type Store } from '../../store/db.ts';
import { importRegistry } from '../../store/reference/import.ts';
import { attribution, readNhsRegistry } from '../../store/reference/nhs-registry.ts';
import { action, exitCodes } from '../run.ts';

/** The project's own copy of the NHS reference files. */
export const defaultNhsDir = 'data/nhs';

/** Opens the store from the environment, runs `fn`, and always closes it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Reads and imports the NHS reference data with a progress bar on stderr; says what changed. */
export async function importNhsReference(store: Store, dir: string): Promise<void> {
  const registry = readNhsRegistry(resolve(dir));
  const bar = new cliProgress.SingleBar(
    {
      format: 'Importing NHS reference data [{bar}] {percentage}% {step}',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const result = await importRegistry(
    store.db,
    registry,
    { userId: null, label: 'concordat import' },
    (done, total, step) => {
      if (!started) bar.start(total, 0, { step });
      started = true;
      bar.update(done, { step });
    },
  );
  if (started) bar.stop();
  const what = `${result.organisations.toLocaleString('en-GB')} organisations, ${result.memberships.toLocaleString('en-GB')} dated memberships, ${result.successions} successions, ${result.list_sizes.toLocaleString('en-GB')} practice list sizes`;
  process.stdout.write(
    result.changed
      ? `Imported ${what} into ${store.location}.\n`
      : `NHS reference data already imported (${what}); nothing changed.\n`,
  );
  process.stdout.write(`${attribution}\n`);
}

/** What `concordat audit verify` says, and its exit code: 0 intact, 1 tampered. */
export async function auditReport(store: Store): Promise<{ code: number; text: string }> {
  const verdict = await verifyAudit(store.db);
  const count = verdict.records.toLocaleString('en-GB');
  if (verdict.intact)
    return {
      code: exitCodes.ok,
      text: `Audit log intact: ${count} records, last hash ${verdict.lastHash}.\n`,
    };
  return {
    code: exitCodes.findings,
    text: `Audit log TAMPERED: record ${verdict.broken?.seq} ${verdict.broken?.problem}. The ${count} records before it are intact.\n`,
  };
}

export function registerPlatform(program: Command): void {
  const imports = program.command('import').description('Load reference data into the database.');
  imports
    .command('nhs-reference')
    .description(
      'Import the NHS system registry: practices, PCNs, sub-ICB locations/CCGs, ICBs, regions and trusts, with their history.',
    )
    .argument('[dir]', 'folder with the gzipped reference files', defaultNhsDir)
    .action(
      action(async (dir: string) =>
        withStore((store) => importNhsReference(store, dir).then(() => exitCodes.ok)),
      ),
    );

  const audit = program.command('audit').description('The audit log of every change.');
  audit
    .command('verify')
    .description(
      'Recompute the audit log hash chain and report any record that was edited, removed or reordered.',
    )
    .action(
      action(async () =>
        withStore(async (store) => {
          const { code, text } = await auditReport(store);
          process.stdout.write(text);
          return code;
        }),
      ),
    );
}
