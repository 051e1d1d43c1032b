import type { KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { InvalidInput } from '../../errors.ts';
import { type VerifyOptions, verifyAudit } from '../../store/audit.ts';
import {
  loadSigningKey,
  makeCheckpoint,
  publicKeyFile,
  publicKeyFrom,
  readCheckpointFile,
} from '../../store/audit-checkpoints.ts';
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
export async function auditReport(
  store: Store,
  options: VerifyOptions = {},
): Promise<{ code: number; text: string }> {
  const verdict = await verifyAudit(store.db, options);
  const count = verdict.records.toLocaleString('en-GB');
  const against = `${verdict.checkpoints} signed checkpoint${verdict.checkpoints === 1 ? '' : 's'} (signatures ${verdict.signatures})`;
  if (verdict.intact)
    return {
      code: exitCodes.ok,
      text: `Audit log intact: ${count} records, last hash ${verdict.lastHash}, checked against ${against}.\n`,
    };
  return {
    code: exitCodes.findings,
    text: `Audit log TAMPERED: record ${verdict.broken?.seq} ${verdict.broken?.problem}. The ${count} records before it are intact. Checked against ${against}.\n`,
  };
}

/** The signing key's file: `CONCORDAT_AUDIT_KEY_FILE`, or `audit-signing-key.pem` in the data folder. */
export function signingKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.CONCORDAT_AUDIT_KEY_FILE || resolve(env.CONCORDAT_DATA_DIR || '.concordat', 'audit-signing-key.pem')
  );
}

function requireSigningKey(): KeyObject {
  const key = loadSigningKey(process.env, signingKeyFile());
  if (!key)
    throw new InvalidInput(
      'CONCORDAT_AUDIT_KEY_FILE',
      `there is no audit signing key at ${signingKeyFile()}`,
      '`npm start` makes one for the demo; otherwise set CONCORDAT_AUDIT_KEY or CONCORDAT_AUDIT_KEY_FILE.',
    );
  return key;
}

/** The options `audit verify` was given: exported checkpoints and a public key, or the key beside the data. */
function verifyOptions(opts: { checkpoints?: string; publicKey?: string }): VerifyOptions {
  const file = opts.publicKey ?? publicKeyFile(signingKeyFile());
  const publicKey =
    opts.publicKey || existsSync(file) ? publicKeyFrom(readFileSync(file, 'utf8'), file) : undefined;
  return { publicKey, checkpoints: opts.checkpoints ? readCheckpointFile(opts.checkpoints) : undefined };
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
    .option(
      '--checkpoints <file>',
      'signed checkpoints kept outside (one JSON object a line); default those in the database',
    )
    .option('--public-key <file>', 'the Ed25519 public key (PEM); default the one beside the signing key')
    .action(
      action(async (opts: { checkpoints?: string; publicKey?: string }) =>
        withStore(async (store) => {
          const { code, text } = await auditReport(store, verifyOptions(opts));
          process.stdout.write(text);
          return code;
        }),
      ),
    );
  audit
    .command('checkpoint')
    .description(
      'Sign the audit chain head now with the Ed25519 key (kept outside the database) and store the checkpoint; print it, or append it to a file you keep elsewhere.',
    )
    .option('--out <file>', 'append the checkpoint to this file (one JSON object a line)')
    .action(
      action(async (opts: { out?: string }) =>
        withStore(async (store) => {
          const checkpoint = await makeCheckpoint(store.db, requireSigningKey());
          if (!checkpoint) {
            process.stdout.write('Nothing new to sign: the last checkpoint covers every record.\n');
            return exitCodes.ok;
          }
          const line = `${JSON.stringify(checkpoint)}\n`;
          if (opts.out) appendFileSync(opts.out, line);
          process.stdout.write(
            opts.out
              ? `Signed records up to ${checkpoint.seq} (head ${checkpoint.hash}); appended to ${opts.out}.\n`
              : line,
          );
          return exitCodes.ok;
        }),
      ),
    );
}
