import { Command } from 'commander';
import { expect, it, vi } from 'vitest';
import { readContractFile } from '../../contracts/contract-file.ts';
import { InvalidInput } from '../../core/errors.ts';
import { listAudit } from '../../store/audit.ts';
import { contractEvents, listContracts } from '../../store/contracts.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { createUser } from '../../store/users.ts';
import { registerContract } from './contract.ts';
import { importContract } from './contract-store.ts';
import { auditReport } from './store-session.ts';

const dudley = readContractFile('examples/contracts/dudley-icp.yaml');
const refused = readContractFile('examples/contracts/gp-federation-refused-events.yaml');

describeOnBothDatabases('concordat contract import', (store) => {
  it('stores the Dudley contract as a commissioner, every step audited as them, and the log verifies', async () => {
    const { db } = store();
    for (const [email, role, organisation] of [
      ['ccg@example.nhs.uk', 'commissioner', '05C'],
      ['icp@example.nhs.uk', 'provider', 'RYK'],
    ] as const)
      await createUser(
        db,
        { email, name: email, password: 'a long password', roles: [{ role, organisation }] },
        { userId: null, label: 'test' },
        'test',
      );

    const done = await importContract(store(), dudley, 'CCG@example.nhs.uk', 'From the example');
    expect(done).toEqual({
      code: 0,
      text: expect.stringContaining(`its particulars and ${dudley.events.length} events`),
    });
    expect((await contractEvents(db, 'dudley-icp')).map((e) => e.event)).toEqual(dudley.events);
    const audit = await listAudit(db, { entity: 'contract', entityId: 'dudley-icp', limit: 1000 });
    expect(audit).toHaveLength(1 + dudley.events.length);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['ccg@example.nhs.uk <ccg@example.nhs.uk>']));
    expect(await auditReport(store())).toMatchObject({ code: 0 });

    await expect(importContract(store(), dudley, 'icp@example.nhs.uk', 'x')).rejects.toThrow(
      /--as: icp@example.nhs.uk holds provider \(RYK\)/,
    );
    await expect(importContract(store(), dudley, 'nobody@example.nhs.uk', 'x')).rejects.toBeInstanceOf(
      InvalidInput,
    );
  });

  it('stores nothing when an event is refused, and names it with the rule', async () => {
    const { db } = store();
    await createUser(
      db,
      {
        email: 'admin@example.nhs.uk',
        name: 'Admin',
        password: 'a long password',
        roles: [{ role: 'administrator', organisation: null }],
      },
      { userId: null, label: 'test' },
      'test',
    );
    const before = (await listAudit(db, { limit: 1000 })).length;
    const r = await importContract(store(), refused, 'admin@example.nhs.uk', 'x');
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/^Nothing stored.\nREFUSED {2}event \d+, .*\[[a-z0-9.-]+\]\n {2}\S/);
    expect((await listContracts(db)).map((c) => c.id)).toEqual(['dudley-icp']);
    expect((await listAudit(db, { limit: 1000 })).length).toBe(before);
  });
});

it('prints the dated life of a contract and what falls due next', async () => {
  const out: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const program = new Command().exitOverride();
    registerContract(program);
    await program.parseAsync([
      'node',
      'concordat',
      'contract',
      'timeline',
      'examples/contracts/dudley-icp.yaml',
      '--on',
      '2022-10-01',
    ]);
    expect(process.exitCode).toBe(0);
  } finally {
    stdout.mockRestore();
    process.exitCode = undefined;
  }
  const text = out.join('');
  expect(text).toMatch(
    /^Dudley Integrated Care Provider Contract \(illustrative\): its life to 1 October 2022\n/,
  );
  expect(text).toContain('  3 September 2018  Intention to award advertised  [lifecycle.advertise]\n');
  expect(text).toMatch(
    /1 July 2022 +by date The term ends; exit arrangements begin; 1 suspended GP contract is reactivated by default {2}\[lifecycle.expiry\]/,
  );
  expect(text).toContain('On 1 October 2022 the contract is closed.');
  // The ICP still owes its accounts for 2022/23, the year in which the contract ended.
  expect(text).toMatch(/Next due:\n {2}31 March 2023 {5}Staff survey each year \(2022\/23\), by the ICP/);
});
