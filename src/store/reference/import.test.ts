import { beforeAll, expect, it } from 'vitest';
import { InvalidInput } from '../../core/errors.ts';
import { dataFiles } from '../../system/data-files.ts';
import { readNhsRegistry } from '../../system/nhs-registry.ts';
import { practiceMap } from '../../system/reference-tables.ts';
import { nhsSlice, withTruncatedFile } from '../../system/test-slice.ts';
import { listAudit } from '../audit.ts';
import { getOrganisation, searchOrganisations, treeOn } from '../organisations.ts';
import { describeOnBothDatabases } from '../test-databases.ts';
import { importRegistry } from './import.ts';

let dir = '';

beforeAll(() => {
  dir = nhsSlice();
});

const importer = { userId: null, label: 'test import' };

describeOnBothDatabases('NHS reference import', (store) => {
  it('refuses a damaged file before writing anything', async () => {
    expect(() => readNhsRegistry(withTruncatedFile(dir, 'practiceMap'))).toThrow(InvalidInput);
    const { db } = store();
    expect(
      Number(
        (
          await db
            .selectFrom('organisations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });

  it('imports the Black Country as dated history', async () => {
    const { db } = store();
    const result = await importRegistry(db, readNhsRegistry(dir), importer);
    expect(result.changed).toBe(true);

    const now = await treeOn(db, 'QUA', 'icb', '2026-08-01');
    const sub = now.children.find((c) => c.code === 'D2P2L');
    expect(sub?.kind).toBe('sub-icb-location');
    const practices = sub?.children.flatMap((pcn) => pcn.children.map((p) => p.code)) ?? [];
    expect(practices).toContain('M87008'); // Kingswinford Medical Practice, Dudley
    expect(practices.length).toBeGreaterThan(150);
    // Exactly the practices the 2026 map puts in D2P2L: none from elsewhere via the national 'U' PCN.
    const inMap = practiceMap();
    expect(practices.sort()).toEqual(
      inMap
        .filter((p) => p.subIcb === 'D2P2L')
        .map((p) => p.practice)
        .sort(),
    );
    expect(inMap.some((p) => p.subIcb !== 'D2P2L' && p.pcn === 'U')).toBe(true);
    // List sizes from QOF 2020/21 (the prevalence file's M87008 TOTAL row: 7877).
    const kingswinford = sub?.children.flatMap((pcn) => pcn.children).find((p) => p.code === 'M87008');
    expect(kingswinford).toMatchObject({ list_size: 7877, practices: 1, practices_with_list_size: 1 });
    const pcnSum = (sub?.children ?? []).reduce((t, pcn) => t + (pcn.list_size ?? 0), 0);
    expect(sub?.list_size).toBe(pcnSum);
    expect(now.list_size).toBe(pcnSum);
    expect(sub?.practices).toBe(practices.length);
    expect(sub?.practices_with_list_size).toBeGreaterThan(150);
    // Before the QOF count date there is no list size to show.
    expect((await treeOn(db, 'QUA', 'stp', '2020-12-31')).list_size).toBeNull();

    const ccgEra = await treeOn(db, 'QUA', 'stp', '2021-06-01');
    expect(ccgEra.children.map((c) => [c.code, c.kind])).toEqual([['D2P2L', 'ccg']]);
    // On 1 July 2022 the CCG became a sub-ICB location with the same code.
    const ccg = await getOrganisation(db, 'D2P2L', 'ccg');
    expect(ccg.closed).toBe('2022-06-30');
    expect(ccg.successors).toEqual([
      expect.objectContaining({ code: 'D2P2L', kind: 'sub-icb-location', on: '2022-07-01' }),
    ]);
    expect(await treeOn(db, 'QUA', 'stp', '2022-07-01')).toMatchObject({ children: [] });
  });

  it('records the 1 April 2026 merger into NHS Central East ICB', async () => {
    const { db } = store();
    const central = await getOrganisation(db, 'S1Y5D', 'icb');
    expect(central.opened).toBe('2026-04-01');
    expect(central.predecessors.map((p) => p.code).sort()).toEqual(['QHG', 'QM7', 'QUE']);
    const cambs = await getOrganisation(db, 'QUE', 'icb');
    expect([cambs.opened, cambs.closed]).toEqual(['2022-07-01', '2026-03-31']);
    expect((await treeOn(db, 'QUE', 'icb', '2026-03-31')).children.length).toBeGreaterThan(0);
    expect((await treeOn(db, 'QUE', 'icb', '2026-04-01')).children).toEqual([]);
    expect((await searchOrganisations(db, 'central east')).map((o) => o.code)).toContain('S1Y5D');
  });

  it('lists the ICB before its sub-ICB location, trusts and practices when searching by name', async () => {
    const found = await searchOrganisations(store().db, 'black country', { limit: 50 });
    expect(found[0]).toMatchObject({ code: 'QUA', kind: 'icb' });
    const practice = found.findIndex((o) => o.kind === 'practice');
    const subIcb = found.findIndex((o) => o.kind === 'sub-icb-location');
    if (practice >= 0 && subIcb >= 0) expect(subIcb).toBeLessThan(practice);
  });

  it('changes nothing when the same files are imported again', async () => {
    const { db } = store();
    const before = await db.selectFrom('memberships').selectAll().orderBy('id').execute();
    const sizes = await db.selectFrom('list_sizes').selectAll().orderBy('organisation_id').execute();
    const audits = (await listAudit(db, { limit: 1000 })).length;
    const again = await importRegistry(db, readNhsRegistry(dir), importer);
    expect(again.changed).toBe(false);
    expect(await db.selectFrom('memberships').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await db.selectFrom('list_sizes').selectAll().orderBy('organisation_id').execute()).toEqual(sizes);
    expect((await listAudit(db, { limit: 1000 })).length).toBe(audits);
  });

  it('rolls back the whole import when a write fails part-way', async () => {
    const { db } = store();
    const before = await db
      .selectFrom('memberships')
      .select(['child_id', 'parent_id', 'valid_from', 'valid_to'])
      .orderBy('id')
      .execute();
    const registry = readNhsRegistry(dir);
    registry.digest = 'different';
    registry.organisations.get('icb:QUA')!.name = 'Renamed by a failed import';
    registry.memberships.push({
      child: 'practice:NOPE1',
      parent: 'icb:QUA',
      from: '2026-04-01',
      to: null,
      source: dataFiles.practiceMap,
    });
    await expect(importRegistry(db, registry, importer)).rejects.toThrow(/NOPE1/);
    expect((await getOrganisation(db, 'QUA', 'icb')).name).toBe('NHS Black Country Integrated Care Board');
    expect(
      await db
        .selectFrom('memberships')
        .select(['child_id', 'parent_id', 'valid_from', 'valid_to'])
        .orderBy('id')
        .execute(),
    ).toEqual(before);
  });
});
