import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { type ContractFile, readContractFile } from '../contracts/contract-file.ts';
import type { Role } from '../core/roles.ts';
import type { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { loadRulebook, type Rulebook } from '../law/rulebook.ts';
import { placesOfPcns } from '../system/practices.ts';
import { createArrangement } from './arrangements.ts';
import { appendAudit } from './audit.ts';
import { createContract } from './contracts.ts';
import { seedDemoOperatingModel } from './demo-operating-model.ts';
import type { Database } from './schema.ts';
import { createUser } from './users.ts';

/**
 * The demo: NHS Black Country ICB (QUA) with its four places, a Dudley integrated-care
 * arrangement and one account per role. Places are the Black Country's four metropolitan
 * boroughs (ONS local authority codes); a PCN belongs to the place where most of its
 * practices are (the NHS system's rule, src/system/practices.ts). The practices and PCNs
 * are the real ones imported from data/nhs; the arrangement's money is illustrative.
 */
export const demoMarker = 'demo';

export const blackCountryPlaces = [
  { code: 'E08000027', name: 'Dudley' },
  { code: 'E08000028', name: 'Sandwell' },
  { code: 'E08000030', name: 'Walsall' },
  { code: 'E08000031', name: 'Wolverhampton' },
] as const;

/** Statutory ICBs (and so their places) exist from 1 July 2022. */
const placesFrom = '2022-07-01';

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  organisation: string | null;
  what: string;
}

const accounts: Omit<DemoAccount, 'password'>[] = [
  {
    email: 'commissioner@demo.concordat',
    role: 'commissioner',
    organisation: 'QUA',
    what: 'NHS Black Country ICB commissioner',
  },
  {
    email: 'provider@demo.concordat',
    role: 'provider',
    organisation: 'RNA',
    what: 'The Dudley Group NHS Foundation Trust',
  },
  {
    email: 'council@demo.concordat',
    role: 'local-authority',
    organisation: 'E08000027',
    what: 'Dudley Council commissioner',
  },
  {
    email: 'assurer@demo.concordat',
    role: 'assurer',
    organisation: null,
    what: 'NHS England assurer (England-wide)',
  },
  { email: 'viewer@demo.concordat', role: 'viewer', organisation: 'QUA', what: 'Black Country viewer' },
  { email: 'admin@demo.concordat', role: 'administrator', organisation: null, what: 'Administrator' },
];

export async function demoSeeded(db: Kysely<Database>): Promise<boolean> {
  return !!(await db
    .selectFrom('reference_imports')
    .select('dataset')
    .where('dataset', '=', demoMarker)
    .executeTakeFirst());
}

/** A worked example shipped with Concordat (examples/), found from this module, not the current folder. */
const exampleFile = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

/** The example arrangement, with Dudley Council identified by its ONS code so the council's role reaches it. */
export function demoArrangement(): Arrangement {
  const example = readArrangementFile(exampleFile('black-country-dudley-place-2026.yaml'));
  return {
    ...example,
    commissioners: example.commissioners.map((c) =>
      c.id === 'dudley-council' ? { ...c, ods: 'E08000027' } : c,
    ),
  };
}

/** The demo contract's life is stored up to here: the end of its first year, live, with the rest of its life still to record. */
export const demoContractTo = '2021-06-30';

/**
 * The Dudley example ICP Contract (examples/contracts/dudley-icp.yaml) to the end of its
 * first year. NHS Black Country ICB (QUA), which took on NHS Dudley CCG's contracts on
 * 1 July 2022, stands for the CCG, so that the demo commissioner is a party to it.
 */
export function demoContract(): ContractFile {
  const file = readContractFile(exampleFile('contracts/dudley-icp.yaml'));
  return {
    particulars: {
      ...file.particulars,
      commissioners: file.particulars.commissioners.map((c) =>
        c.id === 'dudley-ccg' ? { ...c, ods: 'QUA' } : c,
      ),
    },
    events: file.events.filter((e) => e.on <= demoContractTo),
  };
}

/**
 * Stores the demo contract unless it is already stored (a database seeded before contracts
 * were stored gets it on its next start; after that nothing changes). Says whether it stored it.
 */
export async function seedDemoContract(
  db: Kysely<Database>,
  rulebook: Rulebook = loadRulebook(),
): Promise<boolean> {
  const contract = demoContract();
  const stored = await db
    .selectFrom('contracts')
    .select('id')
    .where('id', '=', contract.particulars.id)
    .executeTakeFirst();
  if (stored) return false;
  await createContract(
    db,
    rulebook,
    contract,
    { userId: null, label: 'concordat start (demo)' },
    `Demo: the Dudley ICP Contract to ${demoContractTo} (examples/contracts/dudley-icp.yaml)`,
  );
  return true;
}

/** Seeds the demo once (needs the NHS reference data); returns the accounts with their new passwords. */
export async function seedDemo(db: Kysely<Database>, nhsDir?: string): Promise<DemoAccount[]> {
  const system = { userId: null, label: 'concordat start (demo)' };
  await db.transaction().execute(async (trx) => {
    const icb = await trx
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', 'QUA')
      .where('kind', '=', 'icb')
      .executeTakeFirstOrThrow();
    const placeIds = new Map<string, number>();
    for (const p of blackCountryPlaces) {
      const row = await trx
        .insertInto('organisations')
        .values({
          code: p.code,
          kind: 'place',
          name: p.name,
          opened: placesFrom,
          closed: null,
          source: demoMarker,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      placeIds.set(p.code, row.id);
      await trx
        .insertInto('memberships')
        .values({
          child_id: row.id,
          parent_id: icb.id,
          valid_from: placesFrom,
          valid_to: null,
          source: demoMarker,
        })
        .execute();
    }
    // Today's PCNs in the Black Country, with their practices, to place each PCN.
    const rows = await trx
      .selectFrom('memberships as sp')
      .innerJoin('memberships as ps', 'ps.parent_id', 'sp.child_id')
      .innerJoin('memberships as pp', 'pp.parent_id', 'ps.child_id')
      .innerJoin('organisations as practice', 'practice.id', 'pp.child_id')
      .select(['ps.child_id as pcn', 'practice.code as practice'])
      .where('sp.parent_id', '=', icb.id)
      .where('sp.valid_to', 'is', null)
      .where('ps.valid_to', 'is', null)
      .where('pp.valid_to', 'is', null)
      .orderBy(['ps.child_id', 'practice.code'])
      .execute();
    const links = [...placesOfPcns(rows, new Set(placeIds.keys()), nhsDir)].map(([pcn, place]) => ({
      child_id: pcn,
      parent_id: placeIds.get(place) ?? 0,
      valid_from: '2026-04-01',
      valid_to: null,
      source: demoMarker,
    }));
    if (links.length) await trx.insertInto('memberships').values(links).execute();
    await trx
      .insertInto('reference_imports')
      .values({
        dataset: demoMarker,
        digest: '-',
        imported_at: new Date().toISOString(),
        summary: JSON.stringify({ places: 4, pcns: links.length }),
      })
      .execute();
    await appendAudit(trx, {
      actor: system.label,
      action: 'seed',
      entity: 'demo',
      entity_id: 'black-country',
      before: null,
      after: { places: blackCountryPlaces.map((p) => p.name), pcns_placed: links.length },
      reason: 'Demo: NHS Black Country ICB and its places',
    });
  });
  const out: DemoAccount[] = [];
  for (const a of accounts) {
    const password = randomBytes(9).toString('base64url');
    await createUser(
      db,
      { email: a.email, name: a.what, password, roles: [{ role: a.role, organisation: a.organisation }] },
      system,
      'Demo account',
    );
    out.push({ ...a, password });
  }
  await createArrangement(
    db,
    demoArrangement(),
    system,
    'Demo: the Dudley place integrated care arrangement (examples/black-country-dudley-place-2026.yaml)',
  );
  await seedDemoContract(db);
  await seedDemoOperatingModel(db);
  return out;
}
