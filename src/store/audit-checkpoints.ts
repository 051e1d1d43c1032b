import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { InvalidInput } from '../core/errors.ts';
import { canonicalJson } from './canonical-json.ts';
import type { Keyset } from './listing.ts';
import type { Database } from './schema.ts';

/**
 * A signed checkpoint of the audit chain. The hash chain alone proves only that the log is
 * consistent with itself: someone with write access to the database can rewrite a record and
 * recompute every hash after it. A checkpoint signs, with an Ed25519 key that is not in the
 * database, the hash of every record since the previous checkpoint. Whoever keeps the public
 * key and the exported checkpoints can then name the first record that was changed, removed or
 * rewritten, even if the operator rewrote the whole chain.
 */
export interface Checkpoint {
  /** The last record covered: the chain's head when it was signed. */
  seq: number;
  /** That record's hash. */
  hash: string;
  signed_at: string;
  /** Fingerprint of the public key that verifies it (SHA-256 of its DER, hex). */
  key: string;
  /** `[seq, hash]` of every record since the previous checkpoint, in order. */
  records: [number, string][];
  /** Ed25519 signature (base64) over the canonical JSON of every other field. */
  signature: string;
}

export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function signedPart(c: Omit<Checkpoint, 'signature'>): Buffer {
  const { seq, hash, signed_at, key, records } = c;
  return Buffer.from(canonicalJson({ seq, hash, signed_at, key, records }));
}

/** Does the signature hold for this public key? (False for any other key or any altered field.) */
export function checkpointSignatureHolds(c: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedPart(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Signs the records added since the last checkpoint and stores the checkpoint; undefined when
 * there is nothing new. Appends wait while it reads, so the head it signs is the head.
 */
export async function makeCheckpoint(
  db: Kysely<Database>,
  privateKey: KeyObject,
): Promise<Checkpoint | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table audit_checkpoints in exclusive mode`.execute(trx);
    await sql`lock table audit_log in share mode`.execute(trx);
    const last = await trx
      .selectFrom('audit_checkpoints')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const rows = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', '>', last ? Number(last.seq) : 0)
      .orderBy('seq')
      .execute();
    const head = rows.at(-1);
    if (!head) return undefined;
    const unsigned = {
      seq: Number(head.seq),
      hash: head.hash,
      signed_at: new Date().toISOString(),
      key: keyFingerprint(createPublicKey(privateKey)),
      records: rows.map((r) => [Number(r.seq), r.hash] as [number, string]),
    };
    const checkpoint = {
      ...unsigned,
      signature: sign(null, signedPart(unsigned), privateKey).toString('base64'),
    };
    await trx
      .insertInto('audit_checkpoints')
      .values({ seq: checkpoint.seq, checkpoint: JSON.stringify(checkpoint) })
      .execute();
    return checkpoint;
  });
}

/** Makes a checkpoint when at least `every` records have been added since the last one. */
export async function checkpointIfDue(
  db: Kysely<Database>,
  privateKey: KeyObject,
  every: number,
): Promise<void> {
  const { rows } = await sql<{ head: string | null; signed: string | null }>`
    select (select max(seq) from audit_log) as head, (select max(seq) from audit_checkpoints) as signed`.execute(
    db,
  );
  const head = rows[0]?.head;
  const signed = rows[0]?.signed;
  if (Number(head ?? 0) - Number(signed ?? 0) >= every) await makeCheckpoint(db, privateKey);
}

/** The checkpoints in the order signed (by the last record each covers), a page at a time when asked. */
export async function listCheckpoints(
  db: Kysely<Database>,
  page: Keyset<number> = {},
): Promise<Checkpoint[]> {
  let query = db.selectFrom('audit_checkpoints').select('checkpoint').orderBy('seq');
  if (page.after !== undefined) query = query.where('seq', '>', page.after);
  if (page.limit !== undefined) query = query.limit(page.limit);
  const rows = await query.execute();
  return rows.map((r) => r.checkpoint as unknown as Checkpoint);
}

/** Checkpoints exported one JSON object a line (what `concordat audit checkpoint --out` writes). */
export function readCheckpointFile(path: string): Checkpoint[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as Checkpoint;
      } catch {
        throw new InvalidInput(`${path} line ${i + 1}`, 'is not a checkpoint (one JSON object a line)');
      }
    });
}

/**
 * The signing key: PEM text in `CONCORDAT_AUDIT_KEY`, or the file named by
 * `CONCORDAT_AUDIT_KEY_FILE` (default `audit-signing-key.pem` in the data folder, beside the
 * database but never in it). Undefined when there is none.
 */
export function loadSigningKey(env: NodeJS.ProcessEnv, defaultFile: string): KeyObject | undefined {
  if (env.CONCORDAT_AUDIT_KEY) return privateKeyFrom(env.CONCORDAT_AUDIT_KEY, 'CONCORDAT_AUDIT_KEY');
  const file = env.CONCORDAT_AUDIT_KEY_FILE || defaultFile;
  return existsSync(file) ? privateKeyFrom(readFileSync(file, 'utf8'), file) : undefined;
}

/** Makes a new Ed25519 key pair for the demo: the private key (mode 0600) and `.pub.pem` beside it. */
export function createSigningKey(file: string): KeyObject {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(file, 0o600);
  writeFileSync(publicKeyFile(file), publicKey.export({ type: 'spki', format: 'pem' }));
  return privateKey;
}

export function publicKeyFile(privateKeyFile: string): string {
  return privateKeyFile.replace(/(\.pem)?$/, '.pub.pem');
}

export function publicKeyFrom(pem: string, where: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {}
  throw new InvalidInput(where, 'is not an Ed25519 public key in PEM form');
}

function privateKeyFrom(pem: string, where: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {}
  throw new InvalidInput(where, 'is not an Ed25519 private key in PEM form (PKCS #8)');
}
