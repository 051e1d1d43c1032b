import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractFile, toLive } from '../../test/fixtures/contract.ts';
import { addDays } from '../law/date-arithmetic.ts';
import { loadRulebook } from '../law/rulebook.ts';
import type { ContractEventInput } from './events.ts';
import { illegalities } from './invariants.ts';
import { advanceTo, applyEvent } from './machine.ts';
import { replayContract } from './replay.ts';
import { initialState } from './state.ts';

const rulebook = loadRulebook();

const by = fc.constantFrom('commissioner', 'provider', 'nhs-england', 'practice');
const service = fc.constantFrom('community', 'social-care', 'nope');
const sub = fc.constantFrom('a', 'b');
const ods = fc.constantFrom('M87001', 'M87002');
const outcome = fc.constantFrom('passed', 'not-passed');
const id = fc.constantFrom('x1', 'x2', 'x3');
const money = fc.constantFrom('£0.00', '£500,000.00', '£3,000,000.00');
const practice = fc.record({
  ods,
  name: fc.constant('Practice'),
  list_size: fc.integer({ min: 0, max: 20000 }),
});

/** Any event with fields from small domains, so that ids and states collide often. */
const body: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({ type: 'intention-advertised' }),
  fc.record({
    type: fc.constantFrom('isap-before-procurement', 'isap-preferred-bidder', 'isap-before-service-start'),
    outcome,
  }),
  fc.record({
    type: fc.constant('procurement-started'),
    route: fc.constantFrom('competitive', 'single-bidder-after-advert', 'most-suitable-provider'),
  }),
  fc.record({ type: fc.constant('procurement-abandoned'), reason: fc.constant('No bids') }),
  fc.record({ type: fc.constant('preferred-bidder-selected'), bidder: fc.constant('Trust') }),
  fc.record({ type: fc.constant('contract-awarded'), legal_advice_taken: fc.boolean() }),
  fc.constant({ type: 'mobilisation-started' }),
  fc.constant({ type: 'services-commenced' }),
  fc.record({
    type: fc.constant('variation-agreed'),
    description: fc.constant('Vary'),
    remove_services: fc.array(service, { maxLength: 1 }),
  }),
  fc.record({ type: fc.constant('service-suspended'), service, reason: fc.constant('Quality') }),
  fc.record({ type: fc.constant('service-restored'), service }),
  fc.record({
    type: fc.constant('commissioner-termination'),
    scope: fc.constantFrom('contract', 'service'),
    service: fc.option(service, { nil: undefined }),
    ground: fc.constantFrom('default', 'quality', 'financial-viability', 'procurement-law'),
    immediate: fc.boolean(),
    breach: fc.option(id, { nil: undefined }),
    months: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({
    type: fc.constant('provider-termination'),
    scope: fc.constantFrom('contract', 'service'),
    service: fc.option(service, { nil: undefined }),
    months: fc.integer({ min: 0, max: 30 }),
  }),
  fc.constant({ type: 'exit-completed' }),
  fc.record({ type: fc.constant('termination-costs-claimed'), costs: money, recommissioning: money }),
  fc.record({
    type: fc.constant('subcontract-proposed'),
    subcontract: sub,
    subcontractor: fc.constant('Sub'),
    services: fc.constant(['community']),
    key: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('subcontract-approved'),
    subcontract: sub,
    direct_agreement_required: fc.boolean(),
  }),
  fc.record({ type: fc.constant('subcontract-declined'), subcontract: sub, reason: fc.constant('No') }),
  fc.record({ type: fc.constant('direct-agreement-signed'), subcontract: sub }),
  fc.record({ type: fc.constant('subcontract-ended'), subcontract: sub }),
  fc.record({
    type: fc.constant('third-party-contract-activity'),
    third_party: fc.constant('Acute'),
    activity: fc.constantFrom('receive-third-party-reports', 'negotiate-third-party-terms'),
  }),
  fc.record({
    type: fc.constant('practice-integrated-partially'),
    practice,
    integration_agreement: fc.record({
      goals: fc.array(fc.constant('Goal'), { maxLength: 1 }),
      information_sharing: fc.boolean(),
      joint_decisions: fc.boolean(),
    }),
  }),
  fc.record({
    type: fc.constant('practice-integrated-fully'),
    practice: practice.map((p) => ({ ...p, contract: 'gms' })),
  }),
  fc.record({ type: fc.constantFrom('practice-reactivated', 'practice-left'), ods }),
  fc.record({
    type: fc.constant('breach-recorded'),
    breach: id,
    condition: fc.constantFrom('SC1.8.1', 'GC17'),
    description: fc.constant('B'),
    material: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('remedial-plan-agreed'),
    plan: id,
    actions: fc.constant(['Fix']),
    days: fc.integer({ min: 0, max: 90 }),
  }),
  fc.record({ type: fc.constant('remedial-plan-completed'), plan: id }),
  fc.record({ type: fc.constant('payment-withheld'), plan: id, amount: money }),
  fc.record({
    type: fc.constant('indicator-result'),
    indicator: fc.constant('admissions'),
    year: fc.constant('2020/21'),
    value: fc.constantFrom('90', '99'),
  }),
  fc.record({ type: fc.constant('candour-incident'), incident: id, description: fc.constant('Incident') }),
  fc.record({
    type: fc.constant('obligation-met'),
    obligation: fc.constant('lifecycle.obligation.financial-plan'),
    key: fc.constantFrom('2020-04-01', '2021-04-01'),
  }),
);

/** The actor the rules expect for each event; the generator uses another one time in five. */
const usualActor: Record<string, string> = {
  'isap-before-procurement': 'nhs-england',
  'isap-preferred-bidder': 'nhs-england',
  'isap-before-service-start': 'nhs-england',
  'mobilisation-started': 'provider',
  'provider-termination': 'provider',
  'subcontract-proposed': 'provider',
  'subcontract-ended': 'provider',
  'third-party-contract-activity': 'provider',
  'practice-integrated-partially': 'practice',
  'practice-integrated-fully': 'practice',
  'practice-reactivated': 'practice',
  'practice-left': 'practice',
  'candour-incident': 'provider',
  'obligation-met': 'provider',
};

/** Dated events in order: part (or all) of the path to live, then random events weeks apart. */
const lives = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constant(toLive.length), weight: 2 },
      { arbitrary: fc.nat(toLive.length), weight: 1 },
    ),
    fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 150 }),
        fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: by, weight: 1 }),
        body,
      ),
      { minLength: 5, maxLength: 40 },
    ),
  )
  .map(([k, random]) => {
    const events: ContractEventInput[] = toLive.slice(0, k);
    let on = events.at(-1)?.on ?? '2018-08-03';
    for (const [gap, actor, raw] of random) {
      on = addDays(on, gap);
      const { months, days, ...fields } = raw as { months?: number; days?: number };
      const extra: Record<string, unknown> = {};
      if (months !== undefined) extra.effective = addDays(on, months * 30);
      if (days !== undefined) extra.due = addDays(on, days);
      const type = (fields as { type: string }).type;
      events.push({
        on,
        by: actor ?? usualActor[type] ?? 'commissioner',
        ...fields,
        ...extra,
      } as ContractEventInput);
    }
    return events;
  });

describe('the contract state machine (property)', () => {
  it('never reaches a state the rules forbid, whatever events are offered', () => {
    fc.assert(
      fc.property(lives, (events) => {
        const file = contractFile(events);
        let state = initialState(structuredClone(file.particulars));
        file.events.forEach((event, index) => {
          const before = advanceTo(rulebook, state, event.on);
          const step = applyEvent(rulebook, state, event, index);
          expect(illegalities(rulebook, step.state)).toEqual([]);
          if (step.refusal) {
            // A refused event changes nothing but the refusals and the timeline.
            const { refusals, timeline, ...rest } = step.state;
            const { refusals: r0, timeline: t0, ...restBefore } = before;
            expect(rest).toEqual(restBefore);
            expect(refusals.length).toBe(r0.length + 1);
            expect(timeline.length).toBe(t0.length + 1);
          }
          state = step.state;
        });
        const end = advanceTo(rulebook, state, '2032-01-01');
        expect(illegalities(rulebook, end)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('replays deterministically, and replaying to a date equals stopping there', () => {
    fc.assert(
      fc.property(lives, fc.integer({ min: 0, max: 4000 }), (events, offset) => {
        const file = contractFile(events);
        const on = addDays('2018-08-03', offset);
        const a = replayContract(rulebook, file, on);
        const b = replayContract(rulebook, contractFile(events), on);
        expect(a).toEqual(b);
        const prefix = contractFile(events.filter((e) => e.on <= on));
        expect(replayContract(rulebook, prefix, on)).toEqual(a);
      }),
      { numRuns: 60 },
    );
  });

  it('finds a forbidden state when one is made by hand (the check can fail)', () => {
    const file = contractFile(toLive);
    const state = replayContract(rulebook, file, '2020-04-01').state;
    state.isap['before-service-start'] = { on: '2020-03-01', outcome: 'not-passed' };
    state.phases.push({ phase: 'planned', from: '2020-05-01', rule: 'x' });
    expect(illegalities(rulebook, state)).toEqual([
      'no rule moves live to planned',
      'live without passing ISAP before service start',
    ]);
  });
});
