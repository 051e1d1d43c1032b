import { expect, it } from 'vitest';
import { readContractFile } from '../contracts/contract-file.ts';
import type { ContractEvent } from '../contracts/events.ts';
import { InvalidInput } from '../core/errors.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { listAudit, verifyAudit } from './audit.ts';
import {
  contractEvents,
  contractFile,
  createContract,
  getContract,
  listContracts,
  recordEvent,
} from './contracts.ts';
import { NotFound, RefusedEvent, StaleVersion } from './errors.ts';
import { describeOnBothDatabases } from './test-databases.ts';

const rulebook = loadRulebook();
const dudley = readContractFile('examples/contracts/dudley-icp.yaml');
const system = { userId: null, label: 'test' };
const upToAward = { ...dudley, events: dudley.events.filter((e) => e.on <= '2019-09-16') };
const mobilise: ContractEvent = { on: '2019-10-01', type: 'mobilisation-started', by: 'provider' };

describeOnBothDatabases('stored contracts', (store) => {
  it('stores particulars and events, each step in the audit log', async () => {
    const { db } = store();
    const created = await createContract(db, rulebook, upToAward, system, 'from the example');
    expect(created.id).toBe('dudley-icp');
    expect(created.parties).toEqual(['05C', 'E08000027', 'RYK']);
    expect(created.version).toBe(1 + upToAward.events.length);
    const audit = await listAudit(db, { entity: 'contract', entityId: created.id });
    expect(audit.map((a) => a.action)).toEqual([
      'create',
      ...upToAward.events.map((e) => `record-event:${e.type}`),
    ]);
    expect(audit.at(-1)?.after).toMatchObject({ phase: 'awarded', seq: upToAward.events.length - 1 });

    const recorded = await recordEvent(db, rulebook, created.id, mobilise, { userId: null, label: 'ICP' });
    expect([recorded.phase_before, recorded.phase_after]).toEqual(['awarded', 'mobilising']);
    expect(recorded.contract.version).toBe(created.version + 1);
    expect((await contractFile(db, created.id)).events.at(-1)).toEqual(mobilise);
    expect((await verifyAudit(db)).intact).toBe(true);
  });

  it('refuses an event the rules do not allow and stores nothing', async () => {
    const { db } = store();
    const before = await getContract(db, 'dudley-icp');
    const early = { on: '2019-10-02', type: 'services-commenced', by: 'commissioner' } as const;
    const refused = await recordEvent(db, rulebook, before.id, early, system).catch((e) => e);
    expect(refused).toBeInstanceOf(RefusedEvent);
    expect(refused.refusal.rule).toBe('lifecycle.isap.before-service-start');
    expect(await getContract(db, before.id)).toEqual(before);
    expect((await contractEvents(db, before.id)).length).toBe(before.version - 1);
  });

  it('refuses an event dated before the last one, a stale version and an unknown contract', async () => {
    const { db } = store();
    const current = await getContract(db, 'dudley-icp');
    await expect(
      recordEvent(db, rulebook, current.id, { ...mobilise, on: '2019-09-30' }, system),
    ).rejects.toBeInstanceOf(InvalidInput);
    await expect(recordEvent(db, rulebook, current.id, mobilise, system, 1)).rejects.toBeInstanceOf(
      StaleVersion,
    );
    await expect(recordEvent(db, rulebook, 'nope', mobilise, system)).rejects.toBeInstanceOf(NotFound);
  });

  it('serialises simultaneous events: without a version both are stored in turn, with the same version one wins', async () => {
    const { db } = store();
    const c = await getContract(db, 'dudley-icp');
    // Approving collateral may be recorded any number of times while the contract mobilises.
    const note = (n: string): ContractEvent => ({
      on: '2019-10-02',
      type: 'collateral-approved',
      by: 'commissioner',
      asset: n,
    });
    const both = await Promise.all([
      recordEvent(db, rulebook, c.id, note('a'), system),
      recordEvent(db, rulebook, c.id, note('b'), system),
    ]);
    expect(both.map((r) => r.seq).sort()).toEqual([c.version - 1, c.version]);
    const now = (await getContract(db, c.id)).version;
    const raced = await Promise.allSettled([
      recordEvent(db, rulebook, c.id, note('c'), system, now),
      recordEvent(db, rulebook, c.id, note('d'), system, now),
    ]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = raced.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(StaleVersion);
  });

  it('stores nothing of a contract when one of its events is refused', async () => {
    const { db } = store();
    const bad = {
      ...upToAward,
      events: [...upToAward.events, { ...mobilise, on: '2019-09-16' as const, by: 'nhs-england' as const }],
    };
    const before = (await listAudit(db, { limit: 1000 })).length;
    await expect(createContract(db, rulebook, bad, system, 'bad')).rejects.toBeInstanceOf(RefusedEvent);
    expect((await listContracts(db)).map((c) => c.id)).toEqual(['dudley-icp']);
    expect((await listAudit(db, { limit: 1000 })).length).toBe(before);
  });

  it('gives a second contract with the same particulars id an id of its own', async () => {
    const { db } = store();
    const second = await createContract(db, rulebook, { ...upToAward, events: [] }, system, 'again');
    expect(second.id).toMatch(/^dudley-icp-[0-9a-f]{6}$/);
    expect(second.version).toBe(1);
  });
});
