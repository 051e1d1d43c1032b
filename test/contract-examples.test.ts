import { readdirSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerContract } from '../src/cli/commands/contract.ts';
import { readContractFile } from '../src/contracts/contract-file.ts';
import { eventTypes } from '../src/contracts/events.ts';
import { populationServed } from '../src/contracts/population.ts';
import { replayContract } from '../src/contracts/replay.ts';
import { loadRulebook } from '../src/law/rulebook.ts';

const rulebook = loadRulebook();
const dudley = readContractFile('examples/contracts/dudley-icp.yaml');

describe('example contracts', () => {
  it.each(readdirSync('examples/contracts'))('%s is a valid contract file', (file) => {
    expect(readContractFile(`examples/contracts/${file}`).events.length).toBeGreaterThan(10);
  });

  it('takes the Dudley-style contract from advert to a closed exit without a refusal', () => {
    const r = replayContract(rulebook, dudley, '2022-10-01');
    expect(r.state.refusals).toEqual([]);
    expect(r.state.phase).toBe('closed');
    expect(r.state.phases.map((p) => p.phase)).toEqual([
      'planned',
      'advertised',
      'in-procurement',
      'preferred-bidder',
      'awarded',
      'mobilising',
      'live',
      'exit',
      'closed',
    ]);
    // The missed financial plan for 2022/23 stays on the record as received late.
    expect(r.obligations.find((o) => o.key === '2022-04-01')?.status).toBe('met-late');
    expect(r.obligations.filter((o) => o.status === 'overdue')).toEqual([]);
  });

  it('moves the population served as practices join, reactivate and the contract expires', () => {
    const s = replayContract(rulebook, dudley, '2022-10-01').state;
    expect(populationServed(s, '2020-04-01').total).toBe(7031 + 10364 + 8141 + 1850);
    expect(populationServed(s, '2021-01-04').fully_integrated).toBe(7031 + 19739);
    expect(populationServed(s, '2022-04-01').fully_integrated).toBe(19739);
    expect(populationServed(s, '2022-07-01').total).toBe(0);
    expect(s.practices.M87003?.periods.at(-1)?.ended_by).toBe('default-on-exit');
    expect(s.practices.M87001?.periods.at(-1)?.ended_by).toBe('practice-choice');
  });

  it('refuses seven events in the GP federation example, each with its rule', () => {
    const r = replayContract(
      rulebook,
      readContractFile('examples/contracts/gp-federation-refused-events.yaml'),
      '2026-06-30',
    );
    expect(r.state.refusals.map((x) => x.rule)).toEqual([
      'system.procurement.psr-2023',
      'system.procurement.psr-2023',
      'lifecycle.subcontract.approve',
      'lifecycle.obligation.guarantee',
      'functions.activity.third-party-contracts',
      'lifecycle.safeguard.distribution',
      'lifecycle.termination.by-provider',
    ]);
    expect(r.state.phase).toBe('live');
  });

  it('has a lifecycle rule for every event a file can contain', () => {
    const named = new Set(
      [...rulebook.entries.values()].flatMap((e) =>
        e.kind === 'lifecycle-transition' ? e.versions.map((v) => (v as { event: string }).event) : [],
      ),
    );
    expect(eventTypes.filter((t) => !named.has(t))).toEqual([]);
  });
});

describe('concordat contract', () => {
  /** Runs the command in process (the full CLI loads every capability, which is slow to start). */
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const write = (chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    };
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(write);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(write);
    try {
      const program = new Command().exitOverride();
      registerContract(program);
      await program.parseAsync(['node', 'concordat', 'contract', ...args]);
      return { code: process.exitCode, out: out.join('') };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      process.exitCode = undefined;
    }
  };

  it('prints JSON, exits 1 when events were refused and 2 on a bad date', async () => {
    const json = await run('examples/contracts/dudley-icp.yaml', '--on', '2021-06-30', '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).state.phase).toBe('live');
    const refused = await run('examples/contracts/gp-federation-refused-events.yaml', '--on', '2026-06-30');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/REFUSED .*\[lifecycle\.subcontract\.approve\]/);
    const bad = await run('examples/contracts/dudley-icp.yaml', '--on', '2021-02-30');
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/--on/);
  });
});
