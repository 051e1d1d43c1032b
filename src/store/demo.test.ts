import { beforeAll, expect, it } from 'vitest';
import { replayContract } from '../contracts/replay.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { readNhsRegistry } from '../system/nhs-registry.ts';
import { nhsSlice } from '../system/test-slice.ts';
import { listArrangements } from './arrangements.ts';
import { listAudit, verifyAudit } from './audit.ts';
import { contractFile, listContracts } from './contracts.ts';
import { demoContractTo, demoSeeded, seedDemo, seedDemoContract } from './demo.ts';
import { treeOn } from './organisations.ts';
import { importRegistry } from './reference/import.ts';
import { describeOnBothDatabases } from './test-databases.ts';
import { checkPassword } from './users.ts';

let dir = '';
beforeAll(() => {
  dir = nhsSlice();
});

describeOnBothDatabases('demo', (store) => {
  it('seeds the Black Country places with their real PCNs, the Dudley arrangement and one account per role', async () => {
    const { db } = store();
    await importRegistry(db, readNhsRegistry(dir), { userId: null, label: 'test' });
    expect(await demoSeeded(db)).toBe(false);
    const accounts = await seedDemo(db, dir);
    expect(await demoSeeded(db)).toBe(true);

    const icb = await treeOn(db, 'QUA', 'icb', '2026-08-01');
    expect(icb.children.filter((c) => c.kind === 'place').map((c) => c.name)).toEqual([
      'Dudley',
      'Sandwell',
      'Walsall',
      'Wolverhampton',
    ]);
    const dudley = await treeOn(db, 'E08000027', 'place', '2026-08-01');
    const practices = dudley.children.flatMap((pcn) => pcn.children.map((p) => p.code));
    expect(practices).toContain('M87008'); // Kingswinford Medical Practice, in the example arrangement
    // A place listed under its ICB carries the totals of the PCNs it groups.
    const dudleyInIcb = icb.children.find((c) => c.code === 'E08000027');
    expect(dudleyInIcb).toMatchObject({ practices: practices.length, list_size: dudley.list_size });
    expect(dudley.list_size).toBeGreaterThan(250_000);
    for (const place of ['E08000028', 'E08000030', 'E08000031']) {
      expect((await treeOn(db, place, 'place', '2026-08-01')).children.length).toBeGreaterThan(0);
    }

    expect(accounts.map((a) => a.role).sort()).toEqual([
      'administrator',
      'assurer',
      'commissioner',
      'local-authority',
      'provider',
      'viewer',
    ]);
    const provider = accounts.find((a) => a.role === 'provider');
    expect(await checkPassword(db, provider?.email ?? '', provider?.password ?? '')).toMatchObject({
      user: { roles: [{ role: 'provider', organisation: 'RNA' }] },
    });
    const [arrangement] = await listArrangements(db);
    expect(arrangement?.parties).toEqual(['E08000027', 'QUA', 'RNA']);
    const [contract] = await listContracts(db);
    expect(contract).toMatchObject({ id: 'dudley-icp', parties: ['E08000027', 'QUA', 'RYK'] });
    const stored = await contractFile(db, 'dudley-icp');
    expect(replayContract(loadRulebook(), stored, demoContractTo).state).toMatchObject({
      phase: 'live',
      refusals: [],
    });
    expect((await verifyAudit(db)).intact).toBe(true);
  });

  it('stores the demo contract only once', async () => {
    const { db } = store();
    const audit = (await listAudit(db, { limit: 10_000 })).length;
    expect(await seedDemoContract(db)).toBe(false);
    expect((await listContracts(db)).length).toBe(1);
    expect((await listAudit(db, { limit: 10_000 })).length).toBe(audit);
  });
});
