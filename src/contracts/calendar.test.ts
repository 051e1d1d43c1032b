import { describe, expect, it } from 'vitest';
import { replay, toLive } from '../../test/fixtures/contract.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { obligationSchedule } from './calendar.ts';
import type { ContractEventInput } from './events.ts';

const rulebook = loadRulebook();
const dueOf = (rule: string, key: string, events = toLive, on = '2020-04-01') =>
  obligationSchedule(rulebook, replay(events, on).state).find((o) => o.rule === rule && o.key === key)?.due;

describe('compliance calendar', () => {
  it('has nothing on it before award', () => {
    expect(obligationSchedule(rulebook, replay(toLive.slice(0, 5), '2019-06-13').state)).toEqual([]);
  });

  it('wants the audited financial plan the day before each contract year at the latest', () => {
    expect(dueOf('lifecycle.obligation.financial-plan', '2020-04-01')).toBe('2020-03-31');
    expect(dueOf('lifecycle.obligation.financial-plan', '2029-04-01')).toBe('2029-03-31');
    expect(dueOf('lifecycle.obligation.financial-plan', '2030-04-01')).toBeUndefined();
  });

  it('dates yearly returns from the financial year end, quarterly ones from the quarter end', () => {
    expect(dueOf('lifecycle.obligation.audited-accounts', '2020/21')).toBe('2021-06-30');
    expect(dueOf('lifecycle.obligation.open-book', '2020/21')).toBe('2021-05-31');
    expect(dueOf('lifecycle.obligation.friends-and-family', '2020/21 Q1')).toBe('2020-07-31');
    expect(dueOf('lifecycle.obligation.friends-and-family', '2020/21 Q4')).toBe('2021-04-30');
  });

  it('asks for the exit plan 12 months before expiry, or within a month of notice', () => {
    expect(dueOf('lifecycle.obligation.exit-plan', 'once')).toBe('2029-03-31');
    const notice: ContractEventInput = {
      on: '2021-01-04',
      type: 'provider-termination',
      by: 'provider',
      scope: 'contract',
      effective: '2023-01-04',
    };
    expect(dueOf('lifecycle.obligation.exit-plan', 'once', [...toLive, notice], '2021-02-01')).toBe(
      '2021-02-04',
    );
  });

  it('marks what was received on time, received late, overdue and due soon', () => {
    const events: ContractEventInput[] = [
      ...toLive.slice(0, 8),
      {
        on: '2020-03-20',
        type: 'obligation-met',
        by: 'provider',
        obligation: 'lifecycle.obligation.financial-plan',
        key: '2020-04-01',
      },
      toLive[8] as ContractEventInput,
      {
        on: '2020-04-10',
        type: 'obligation-met',
        by: 'provider',
        obligation: 'lifecycle.obligation.complaints-procedure',
        key: 'once',
      },
    ];
    const statuses = Object.fromEntries(
      replay(events, '2020-07-15').obligations.map((o) => [`${o.rule} ${o.key}`, o.status]),
    );
    expect(statuses).toMatchObject({
      'lifecycle.obligation.financial-plan 2020-04-01': 'met',
      'lifecycle.obligation.complaints-procedure once': 'met-late',
      'lifecycle.obligation.friends-and-family 2020/21 Q1': 'due',
    });
    const overdue = replay(events, '2020-08-01').obligations.find((o) => o.key === '2020/21 Q1');
    expect(overdue?.status).toBe('overdue');
  });

  it('refuses recording an obligation that does not exist or was already met', () => {
    const met = (key: string): ContractEventInput => ({
      on: '2020-05-01',
      type: 'obligation-met',
      by: 'provider',
      obligation: 'lifecycle.obligation.financial-plan',
      key,
    });
    const r = replay([...toLive, met('2021-04-01'), met('2021-04-01'), met('2021-05-01')], '2020-05-02');
    expect(r.state.refusals.map((x) => x.reason)).toEqual([
      expect.stringMatching(/already recorded as met on 1 May 2020/),
      expect.stringMatching(/no instance '2021-05-01'; its keys are 2020-04-01/),
    ]);
  });

  it('tracks a duty of candour notification 10 days after the incident', () => {
    const incident: ContractEventInput = {
      on: '2020-06-01',
      type: 'candour-incident',
      by: 'provider',
      incident: 'inc-1',
      description: 'Fall on ward',
    };
    const o = replay([...toLive, incident], '2020-06-20').obligations.find((x) => x.key === 'inc-1');
    expect(o).toMatchObject({
      due: '2020-06-11',
      status: 'overdue',
      rule: 'lifecycle.obligation.candour-notification',
    });
  });
});
