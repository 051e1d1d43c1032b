import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The smallest registry a test needs: NHS Black Country ICB (QUA) and its sub-ICB location
 * D2P2L, both from 1 July 2022, as the NHS files name them.
 */
export async function seedBlackCountryIcb(db: Kysely<Database>): Promise<void> {
  const org = (code: string, kind: 'icb' | 'sub-icb-location', name: string) => ({
    code,
    kind,
    name,
    opened: '2022-07-01',
    closed: null,
    source: 'test',
  });
  const [icb, sub] = await db
    .insertInto('organisations')
    .values([
      org('QUA', 'icb', 'NHS BLACK COUNTRY INTEGRATED CARE BOARD'),
      org('D2P2L', 'sub-icb-location', 'NHS BLACK COUNTRY ICB - D2P2L'),
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('memberships')
    .values({
      child_id: sub?.id ?? 0,
      parent_id: icb?.id ?? 0,
      valid_from: '2022-07-01',
      valid_to: null,
      source: 'test',
    })
    .execute();
}
