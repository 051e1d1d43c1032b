import { describe, expect, it } from 'vitest';
import { replay, toLive } from '../../test/fixtures/contract.ts';
import type { ContractEventInput } from './events.ts';
import { populationServed } from './population.ts';

const full: ContractEventInput = {
  on: '2019-11-01',
  type: 'practice-integrated-fully',
  by: 'practice',
  practice: { ods: 'M87001', name: 'Meadowbrook Surgery', list_size: 7031, contract: 'gms' },
};
const partial: ContractEventInput = {
  on: '2019-11-01',
  type: 'practice-integrated-partially',
  by: 'practice',
  practice: { ods: 'M87005', name: 'Three Villages Medical Practice', list_size: 10364 },
  integration_agreement: { goals: ['Frailty MDT'], information_sharing: true, joint_decisions: true },
};
// Fully and partially integrated practices join during mobilisation, before services start.
const events = [...toLive.slice(0, 7), full, partial, ...toLive.slice(7)];

describe('population served (seed 001, 34)', () => {
  it('is nobody before services start, then the integrated lists plus unregistered residents', () => {
    const r = replay(events, '2020-04-01');
    expect(populationServed(r.state, '2020-03-31').total).toBe(0);
    expect(populationServed(r.state, '2020-04-01')).toMatchObject({
      registered_with_integrated_practices: 17395,
      fully_integrated: 7031,
      partially_integrated: 10364,
      unregistered_residents: 500,
      total: 17895,
    });
  });

  it('changes from the day a fully integrated practice reactivates its GMS contract', () => {
    const reactivated = [
      ...events,
      { on: '2021-10-01', type: 'practice-reactivated', by: 'practice', ods: 'M87001' } as ContractEventInput,
    ];
    const r = replay(reactivated, '2022-01-01');
    expect(populationServed(r.state, '2021-09-30').fully_integrated).toBe(7031);
    expect(populationServed(r.state, '2021-10-01').fully_integrated).toBe(0);
    expect(populationServed(r.state, '2021-10-01').total).toBe(10864);
    expect(r.population_changes.map((p) => [p.on, p.total, p.fully_integrated])).toEqual([
      ['2020-04-01', 17895, 7031],
      ['2021-10-01', 10864, 0],
    ]);
  });

  it('adds a practice that integrates fully during the contract from the day it joins', () => {
    const joining: ContractEventInput = {
      on: '2021-01-04',
      type: 'practice-integrated-fully',
      by: 'practice',
      practice: { ods: 'M87003', name: 'Moss Grove Surgery', list_size: 19739, contract: 'pms' },
    };
    const r = replay([...events, joining], '2021-06-01');
    expect(populationServed(r.state, '2021-01-03').fully_integrated).toBe(7031);
    expect(populationServed(r.state, '2021-01-04').fully_integrated).toBe(26770);
  });

  it('drops to nobody on the day after expiry, when suspended contracts reactivate by default', () => {
    const r = replay(events, '2030-04-01');
    expect(populationServed(r.state, '2030-03-31').total).toBe(17895);
    expect(populationServed(r.state, '2030-04-01').total).toBe(0);
    expect(r.population_changes.at(-1)).toMatchObject({ on: '2030-04-01', total: 0 });
  });

  it('refuses integrating a practice twice and reactivating one that is not suspended', () => {
    const r = replay(
      [
        ...events,
        { ...full, on: '2020-05-01' } as ContractEventInput,
        { on: '2020-06-01', type: 'practice-reactivated', by: 'practice', ods: 'M87005' },
      ],
      '2020-07-01',
    );
    expect(r.state.refusals.map((x) => x.rule)).toEqual(['lifecycle.gp.full', 'lifecycle.gp.reactivate']);
  });

  it('refuses an Integration Agreement without goals or joint decisions', () => {
    const bad = {
      ...partial,
      integration_agreement: { goals: [], information_sharing: true, joint_decisions: true },
    } as ContractEventInput;
    expect(
      replay([...toLive, { ...bad, on: '2020-05-01' } as ContractEventInput], '2020-06-01').state.refusals[0]
        ?.rule,
    ).toBe('lifecycle.gp.partial');
  });
});

describe('full integration needs primary medical services in scope', () => {
  it('refuses a fully integrating practice when the contract has no primary medical service', () => {
    const r = replay([...toLive, { ...full, on: '2020-05-01' } as ContractEventInput], '2020-06-01', {
      services: [{ id: 'community', name: 'Community health', kind: 'healthcare', commissioner: 'ccg' }],
    });
    expect(r.state.refusals[0]?.reason).toMatch(/primary medical services/);
  });
});
