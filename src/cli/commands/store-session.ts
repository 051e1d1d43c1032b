/**
 * What the commands that work on the database share: opening it, importing the NHS reference
 * data, and the audit log's verdict. Loaded only by those commands, as it brings the database.
 */
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidInput } from '../../core/errors.ts';
import { oglAttribution } from '../../core/open-government-licence.ts';
import { type VerifyOptions, verifyAudit } from '../../store/audit.ts';
import {
  loadSigningKey,
  publicKeyFile,
  publicKeyFrom,
  readCheckpointFile,
} from '../../store/audit-checkpoints.ts';
import { openStore, type Store } from '../../store/db.ts';
import { importRegistry } from '../../store/reference/import.ts';
import { readNhsRegistry } from '../../system/nhs-registry.ts';
import { exitCodes } from '../run.ts';

/** Opens the store from the environment, runs `fn`, and always closes it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Reads and imports the NHS reference data (from `dir`, else Concordat's own data/nhs) with a
 * progress bar on stderr; says what changed.
 */
export async function importNhsReference(store: Store, dir?: string): Promise<void> {
  const registry = readNhsRegistry(dir === undefined ? undefined : resolve(dir));
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
  process.stdout.write(`${oglAttribution}\n`);
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

export function requireSigningKey(): KeyObject {
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
export function verifyOptions(opts: { checkpoints?: string; publicKey?: string }): VerifyOptions {
  const file = opts.publicKey ?? publicKeyFile(signingKeyFile());
  const publicKey =
    opts.publicKey || existsSync(file) ? publicKeyFrom(readFileSync(file, 'utf8'), file) : undefined;
  return { publicKey, checkpoints: opts.checkpoints ? readCheckpointFile(opts.checkpoints) : undefined };
}
