import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * Migrations as code, in order. Never edit one that has shipped: add the next.
 * Both drivers run exactly these statements (PGlite is PostgreSQL compiled to WASM).
 */
const migrations: Record<string, Migration> = {
  '0001-registry': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('opened', 'date')
        .addColumn('closed', 'date')
        .addColumn('source', 'text', (c) => c.notNull())
        .addUniqueConstraint('organisations_code_kind', ['code', 'kind'])
        .addCheckConstraint('organisations_dates', sql`closed is null or opened is null or opened <= closed`)
        .execute();
      await db.schema
        .createIndex('organisations_name')
        .on('organisations')
        .expression(sql`lower(name)`)
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('child_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('parent_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('valid_from', 'date', (c) => c.notNull())
        .addColumn('valid_to', 'date')
        .addColumn('source', 'text', (c) => c.notNull())
        .addUniqueConstraint('memberships_natural', ['child_id', 'parent_id', 'valid_from'])
        .addCheckConstraint('memberships_dates', sql`valid_to is null or valid_from <= valid_to`)
        .execute();
      await db.schema.createIndex('memberships_parent').on('memberships').column('parent_id').execute();
      await db.schema.createIndex('memberships_child').on('memberships').column('child_id').execute();
      await db.schema
        .createTable('successions')
        .addColumn('predecessor_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('successor_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('on_date', 'date', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('successions_pk', ['predecessor_id', 'successor_id'])
        .execute();
      await db.schema
        .createTable('reference_imports')
        .addColumn('dataset', 'text', (c) => c.primaryKey())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('summary', 'jsonb', (c) => c.notNull())
        .execute();
    },
  },
  '0002-arrangements': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text')
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('arrangements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'jsonb', (c) => c.notNull())
        .addColumn('parties', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('arrangement_versions')
        .addColumn('arrangement_id', 'text', (c) => c.notNull().references('arrangements.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'jsonb', (c) => c.notNull())
        .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('arrangement_versions_pk', ['arrangement_id', 'version'])
        .execute();
      await db.schema
        .createTable('findings')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('arrangement_id', 'text', (c) => c.notNull().references('arrangements.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('checked_on', 'date', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('decisions')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('arrangement_id', 'text', (c) => c.notNull().references('arrangements.id'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigserial', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('before', 'jsonb')
        .addColumn('after', 'jsonb')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003-registry-search': {
    // Searching by part of a name (`%dudley%`) cannot use a b-tree; trigram indexes can.
    // The extension goes in `public` so schemas that share a database share it.
    async up(db: Kysely<unknown>) {
      await sql`create extension if not exists pg_trgm schema public`.execute(db);
      await sql`create index organisations_name_trgm on organisations using gin (lower(name) public.gin_trgm_ops)`.execute(
        db,
      );
      await sql`create index organisations_code_prefix on organisations (upper(code) text_pattern_ops)`.execute(
        db,
      );
    },
  },
  '0004-contracts': {
    // ICP Contracts: the particulars, and the dated events in the order they were recorded.
    // The state is never stored: it is the events replayed (src/contracts/replay.ts).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('contracts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('particulars', 'jsonb', (c) => c.notNull())
        .addColumn('parties', 'jsonb', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('contract_events')
        .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('event', 'jsonb', (c) => c.notNull())
        .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contract_events_pk', ['contract_id', 'seq'])
        .execute();
    },
  },
  '0005-place-groupings': {
    async up(db: Kysely<unknown>) {
      // Registered list sizes per practice, dated: the import replaces them as a set by source.
      await db.schema
        .createTable('list_sizes')
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('as_at', 'date', (c) => c.notNull())
        .addColumn('list_size', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('list_sizes_pk', ['organisation_id', 'as_at'])
        .addCheckConstraint('list_sizes_count', sql`list_size >= 0`)
        .execute();
      // An ICB's practices grouped into named places, for place allocation.
      await db.schema
        .createTable('place_groupings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('icb', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('year', 'text', (c) => c.notNull())
        .addColumn('places', 'jsonb', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('place_groupings_name', ['icb', 'name'])
        .execute();
    },
  },
  '0006-operating-models': {
    async up(db: Kysely<unknown>) {
      // ICS operating models, versioned like arrangements (docs/ics.md).
      await db.schema
        .createTable('operating_models')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('icb', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'jsonb', (c) => c.notNull())
        .addColumn('parties', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('operating_model_versions')
        .addColumn('model_id', 'text', (c) => c.notNull().references('operating_models.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'jsonb', (c) => c.notNull())
        .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('operating_model_versions_pk', ['model_id', 'version'])
        .execute();
    },
  },
  '0007-audit-append-only': {
    // The database itself refuses to change or remove audit records (and signed checkpoints),
    // whoever asks: the application never needs to, and anyone who tries is tampering. A
    // superuser can still drop the trigger; signed checkpoints kept outside catch that.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('checkpoint', 'jsonb', (c) => c.notNull())
        .execute();
      await sql`create function audit_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'the audit log is append-only: % on % is refused', tg_op, tg_table_name
            using errcode = '42501';
        end $$`.execute(db);
      for (const table of ['audit_log', 'audit_checkpoints']) {
        await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
          for each row execute function audit_append_only()`.execute(db);
        await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
          for each statement execute function audit_append_only()`.execute(db);
      }
    },
  },
  '0008-decision-dates': {
    // The date a decision takes effect was checked against the rules but not kept.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('decisions').addColumn('effective_on', 'date').execute();
    },
  },
  '0009-revocable-tokens': {
    // Tokens are listed and revoked by an id (the secret is only ever stored as its SHA-256),
    // may carry a label saying which system holds them, and die with a disabled account.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('sessions')
        .addColumn('id', 'serial', (c) => c.notNull().unique())
        .execute();
      await db.schema.alterTable('sessions').addColumn('label', 'text').execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
    },
  },
  '0010-arrangement-parties': {
    // Who is party to an arrangement decides who may read and change it, so it is kept apart
    // from the editable document and changed only by an accepted, audited proposal
    // (src/store/arrangement-parties.ts). Existing arrangements keep the parties their
    // document named, since they were created.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('arrangement_parties')
        .addColumn('arrangement_id', 'text', (c) => c.notNull().references('arrangements.id'))
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('commissioner', 'provider')`))
        .addColumn('since', 'text', (c) => c.notNull())
        .addColumn('added_by', 'integer', (c) => c.references('users.id'))
        .addPrimaryKeyConstraint('arrangement_parties_pk', ['arrangement_id', 'organisation'])
        .execute();
      await sql`insert into arrangement_parties (arrangement_id, organisation, side, since, added_by)
        select a.id, p.code,
          case when exists (
            select 1 from jsonb_array_elements(a.document->'commissioners') c where c->>'ods' = p.code
          ) then 'commissioner' else 'provider' end,
          a.created_at,
          (select v.changed_by from arrangement_versions v where v.arrangement_id = a.id and v.version = 1)
        from arrangements a cross join lateral jsonb_array_elements_text(a.parties) as p(code)`.execute(db);
      await db.schema.alterTable('arrangements').dropColumn('parties').execute();
      await db.schema
        .createTable('arrangement_party_changes')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('arrangement_id', 'text', (c) => c.notNull().references('arrangements.id'))
        .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('add', 'remove')`))
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('commissioner', 'provider')`))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('pending', 'applied', 'declined')`),
        )
        .addColumn('proposed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('proposed_at', 'text', (c) => c.notNull())
        .addColumn('settled_by', 'integer', (c) => c.references('users.id'))
        .addColumn('settled_at', 'text')
        .execute();
      // One open proposal per organisation and arrangement, so two can never contradict.
      await sql`create unique index arrangement_party_changes_pending
        on arrangement_party_changes (arrangement_id, organisation) where status = 'pending'`.execute(db);
      await db.schema
        .createTable('arrangement_party_acceptances')
        .addColumn('change_id', 'integer', (c) => c.notNull().references('arrangement_party_changes.id'))
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('accepted_by', 'integer', (c) => c.references('users.id'))
        .addColumn('accepted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('arrangement_party_acceptances_pk', ['change_id', 'organisation'])
        .execute();
    },
  },
  '0011-place-grouping-pots': {
    // The pot (components, ring-fences, floors, pace of change) is saved with the places it
    // is shared between; groupings saved before keep none (null) until one is entered.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('place_groupings').addColumn('pot', 'jsonb').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date; refuses to continue if a migration fails. A database
 * schema other than the default (each test file has one) keeps its own migration tables:
 * otherwise Kysely finds another schema's lock table and never creates its own. `upTo` stops
 * after the named migration (to test what a later one does to data).
 */
export async function migrate(db: Kysely<unknown>, schema?: string, upTo?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    // Work done in parallel can land a lower-numbered migration after a higher one has run
    // (0004-contracts after 0005-place-groupings); each touches only its own tables.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await (upTo ? migrator.migrateTo(upTo) : migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
