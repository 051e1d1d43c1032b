import { type Kysely, sql } from 'kysely';
import type { Registry } from '../../system/nhs-registry.ts';
import type { Actor } from '../arrangements.ts';
import { appendAudit } from '../audit.ts';
import type { Database } from '../schema.ts';

export const dataset = 'nhs-reference';

export interface ImportResult {
  /** False when the same files were imported before: nothing was written. */
  changed: boolean;
  organisations: number;
  memberships: number;
  successions: number;
  list_sizes: number;
}

export type Progress = (done: number, total: number, step: string) => void;

const batch = 500;

/**
 * Writes the registry in one transaction: all of it or none of it. Organisations are
 * upserted by code and kind (their ids stay stable for anything that refers to them);
 * the imported memberships and successions are replaced as a set. Importing the same files
 * again changes nothing.
 */
export async function importRegistry(
  db: Kysely<Database>,
  registry: Registry,
  actor: Actor,
  progress: Progress = () => {},
): Promise<ImportResult> {
  const counts = {
    organisations: registry.organisations.size,
    memberships: registry.memberships.length,
    successions: registry.successions.length,
    list_sizes: registry.listSizes.length,
  };
  const previous = await db
    .selectFrom('reference_imports')
    .select('digest')
    .where('dataset', '=', dataset)
    .executeTakeFirst();
  if (previous?.digest === registry.digest) return { changed: false, ...counts };

  const orgs = [...registry.organisations.values()];
  const total =
    orgs.length + registry.memberships.length + registry.successions.length + registry.listSizes.length;
  let done = 0;
  /** Writes `items` a batch at a time, reporting progress after each. */
  const inBatches = async <T>(items: readonly T[], what: string, write: (rows: T[]) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += batch) {
      const rows = items.slice(i, i + batch);
      await write(rows);
      done += rows.length;
      progress(done, total, what);
    }
  };
  await db.transaction().execute(async (trx) => {
    await inBatches(orgs, 'organisations', (rows) =>
      trx
        .insertInto('organisations')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['code', 'kind']).doUpdateSet({
            name: sql`excluded.name`,
            opened: sql`excluded.opened`,
            closed: sql`excluded.closed`,
            source: sql`excluded.source`,
          }),
        )
        .execute(),
    );
    const ids = new Map(
      (await trx.selectFrom('organisations').select(['id', 'code', 'kind']).execute()).map((o) => [
        `${o.kind}:${o.code}`,
        o.id,
      ]),
    );
    const id = (k: string) => {
      const found = ids.get(k);
      if (found === undefined) throw new Error(`organisation ${k} was not written`);
      return found;
    };
    const sources = [...new Set([...registry.memberships, ...registry.successions].map((x) => x.source))];
    await trx.deleteFrom('memberships').where('source', 'in', sources).execute();
    await trx.deleteFrom('successions').where('source', 'in', sources).execute();
    await inBatches(registry.memberships, 'memberships', (rows) =>
      trx
        .insertInto('memberships')
        .values(
          rows.map((m) => ({
            child_id: id(m.child),
            parent_id: id(m.parent),
            valid_from: m.from,
            valid_to: m.to,
            source: m.source,
          })),
        )
        .execute(),
    );
    if (registry.successions.length) {
      await trx
        .insertInto('successions')
        .values(
          registry.successions.map((s) => ({
            predecessor_id: id(s.predecessor),
            successor_id: id(s.successor),
            on_date: s.on,
            source: s.source,
          })),
        )
        .execute();
    }
    done += registry.successions.length;
    progress(done, total, 'successions');
    const listSources = [...new Set(registry.listSizes.map((l) => l.source))];
    if (listSources.length) await trx.deleteFrom('list_sizes').where('source', 'in', listSources).execute();
    await inBatches(registry.listSizes, 'list sizes', (rows) =>
      trx
        .insertInto('list_sizes')
        .values(
          rows.map((l) => ({
            organisation_id: id(l.practice),
            as_at: l.as_at,
            list_size: l.list_size,
            source: l.source,
          })),
        )
        .execute(),
    );
    const now = new Date().toISOString();
    await trx
      .insertInto('reference_imports')
      .values({ dataset, digest: registry.digest, imported_at: now, summary: JSON.stringify(counts) })
      .onConflict((oc) =>
        oc
          .column('dataset')
          .doUpdateSet({ digest: registry.digest, imported_at: now, summary: JSON.stringify(counts) }),
      )
      .execute();
    await appendAudit(trx, {
      actor: actor.label,
      action: 'import',
      entity: 'reference-data',
      entity_id: dataset,
      before: previous ? { digest: previous.digest } : null,
      after: { digest: registry.digest, ...counts },
      reason: 'NHS reference data import (data/nhs)',
    });
  });
  return { changed: true, ...counts };
}
