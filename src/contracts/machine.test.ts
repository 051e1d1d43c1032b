import { describe, expect, it } from 'vitest';
import { replay, toLive } from '../../test/fixtures/contract.ts';
import type { ContractEventInput } from './events.ts';

const live = (...more: ContractEventInput[]) => [...toLive, ...more];
const refusalOf = (events: ContractEventInput[], on = '2031-01-01') => replay(events, on).state.refusals;

describe('procurement and award', () => {
  it('takes a contract from advert to live with every step on the timeline', () => {
    const r = replay(toLive, '2020-04-01');
    expect(r.state.phase).toBe('live');
    expect(r.state.refusals).toEqual([]);
    expect(r.state.phases.map((p) => p.phase)).toEqual([
      'planned',
      'advertised',
      'in-procurement',
      'preferred-bidder',
      'awarded',
      'mobilising',
      'live',
    ]);
    expect(r.state.procurement?.regime_rule).toBe('system.procurement.pcr-2015');
  });

  it('refuses an event in the wrong phase with the reason and the rule', () => {
    const [refusal] = refusalOf([{ on: '2018-09-03', type: 'services-commenced', by: 'commissioner' }]);
    expect(refusal?.rule).toBe('lifecycle.service-start');
    expect(refusal?.reason).toMatch(/while the contract is planned.*allowed only when mobilising/);
    expect(refusal?.citations[0]?.text).toMatch(/Draft ICP Contract/);
  });

  it('refuses an event before the ICP Contract rules existed', () => {
    const [refusal] = refusalOf([{ on: '2017-01-09', type: 'intention-advertised', by: 'commissioner' }]);
    expect(refusal?.rule).toBe('lifecycle.advertise');
    expect(refusal?.reason).toMatch(/no version .* in force on 9 January 2017/);
  });

  it('refuses procurement before the ISAP checkpoint is passed', () => {
    const events = toLive.slice(0, 1).concat([
      { on: '2018-10-01', type: 'isap-before-procurement', by: 'nhs-england', outcome: 'not-passed' },
      {
        on: '2018-11-01',
        type: 'procurement-started',
        by: 'commissioner',
        route: 'single-bidder-after-advert',
      },
    ]);
    const r = replay(events, '2019-01-01');
    expect(r.state.phase).toBe('advertised');
    expect(r.state.refusals[0]?.rule).toBe('lifecycle.isap.before-procurement');
  });

  it('allows only the routes of the regime in force when procurement starts', () => {
    const psrRouteIn2018 = toLive.slice(0, 2).concat([
      {
        on: '2018-11-01',
        type: 'procurement-started',
        by: 'commissioner',
        route: 'most-suitable-provider',
      },
    ]);
    expect(refusalOf(psrRouteIn2018)[0]?.rule).toBe('system.procurement.pcr-2015');

    const pcrRouteIn2024: ContractEventInput[] = [
      { on: '2024-01-08', type: 'intention-advertised', by: 'commissioner' },
      { on: '2024-02-01', type: 'isap-before-procurement', by: 'nhs-england', outcome: 'passed' },
      {
        on: '2024-03-01',
        type: 'procurement-started',
        by: 'commissioner',
        route: 'single-bidder-after-advert',
      },
    ];
    expect(refusalOf(pcrRouteIn2024)[0]?.rule).toBe('system.procurement.psr-2023');
    const psr = [
      ...pcrRouteIn2024.slice(0, 2),
      { ...pcrRouteIn2024[2], route: 'competitive' } as ContractEventInput,
    ];
    expect(replay(psr, '2024-03-02').state.procurement?.regime_rule).toBe('system.procurement.psr-2023');
  });

  it('refuses award during a 10 calendar-day PCR standstill and allows it on the 11th day', () => {
    const base = toLive.slice(0, 5);
    const early = [
      ...base,
      { on: '2019-06-13', type: 'contract-awarded', by: 'commissioner', legal_advice_taken: true },
    ] as ContractEventInput[];
    const [refusal] = refusalOf(early);
    expect(refusal?.rule).toBe('system.procurement.pcr-2015');
    expect(refusal?.reason).toMatch(/14 June 2019/);
    expect(replay(toLive.slice(0, 6), '2019-06-14').state.phase).toBe('awarded');
  });

  it('counts the PSR standstill in working days (8 after a Friday notice run to the second Wednesday)', () => {
    const events: ContractEventInput[] = [
      { on: '2024-01-08', type: 'intention-advertised', by: 'commissioner' },
      { on: '2024-02-01', type: 'isap-before-procurement', by: 'nhs-england', outcome: 'passed' },
      { on: '2024-03-01', type: 'procurement-started', by: 'commissioner', route: 'competitive' },
      { on: '2024-06-07', type: 'preferred-bidder-selected', by: 'commissioner', bidder: 'Test Trust' },
      { on: '2024-06-10', type: 'isap-preferred-bidder', by: 'nhs-england', outcome: 'passed' },
      { on: '2024-06-19', type: 'contract-awarded', by: 'commissioner', legal_advice_taken: true },
    ];
    const r = replay(events, '2024-06-30', { start: '2025-04-01', end: '2035-03-31' });
    expect(r.state.preferred_bidder?.standstill_ends).toBe('2024-06-20');
    expect(r.state.refusals[0]?.rule).toBe('system.procurement.psr-2023');
  });

  it('refuses award without legal advice on keeping statutory functions', () => {
    const events = [...toLive.slice(0, 5), { ...toLive[5], legal_advice_taken: false } as ContractEventInput];
    expect(refusalOf(events)[0]?.reason).toMatch(/legal advice/);
  });

  it('flags a term longer than 10 years without refusing it', () => {
    const r = replay(toLive, '2020-04-01', { end: '2030-04-01' });
    expect(r.state.phase).toBe('live');
    expect(r.state.flags[0]?.rule).toBe('contract.term.maximum-years');
    expect(replay(toLive, '2020-04-01').state.flags).toEqual([]);
  });

  it('refuses an event by an actor the rule does not name', () => {
    const events = [
      ...toLive.slice(0, 7),
      { on: '2020-03-01', type: 'isap-before-service-start', by: 'commissioner', outcome: 'passed' },
    ] as ContractEventInput[];
    expect(refusalOf(events)[0]?.reason).toMatch(/only NHS England/);
  });
});

describe('subcontracts', () => {
  const propose: ContractEventInput = {
    on: '2020-05-01',
    type: 'subcontract-proposed',
    by: 'provider',
    subcontract: 'therapies',
    subcontractor: 'Partner Trust',
    services: ['community'],
    key: false,
  };

  it('refuses approval by the provider: only a commissioner can approve', () => {
    const [refusal] = refusalOf(
      live(propose, {
        on: '2020-05-10',
        type: 'subcontract-approved',
        by: 'provider',
        subcontract: 'therapies',
        direct_agreement_required: false,
      }),
    );
    expect(refusal?.rule).toBe('lifecycle.subcontract.approve');
    expect(refusal?.reason).toMatch(/only the commissioner/);
  });

  it('goes live on approval, or after the direct agreement when one is required', () => {
    const approve = (required: boolean): ContractEventInput => ({
      on: '2020-05-10',
      type: 'subcontract-approved',
      by: 'commissioner',
      subcontract: 'therapies',
      direct_agreement_required: required,
    });
    expect(replay(live(propose, approve(false)), '2020-06-01').state.subcontracts.therapies?.status).toBe(
      'live',
    );
    const waiting = replay(live(propose, approve(true)), '2020-06-01').state.subcontracts.therapies;
    expect(waiting?.status).toBe('awaiting-direct-agreement');
    const signed = live(propose, approve(true), {
      on: '2020-05-20',
      type: 'direct-agreement-signed',
      by: 'commissioner',
      subcontract: 'therapies',
    });
    expect(replay(signed, '2020-06-01').state.subcontracts.therapies?.status).toBe('live');
  });

  it('makes a key subcontractor sign a direct agreement even if approval did not ask', () => {
    const r = replay(
      live({ ...propose, key: true } as ContractEventInput, {
        on: '2020-05-10',
        type: 'subcontract-approved',
        by: 'commissioner',
        subcontract: 'therapies',
        direct_agreement_required: false,
      }),
      '2020-06-01',
    );
    expect(r.state.subcontracts.therapies?.status).toBe('awaiting-direct-agreement');
  });

  it('refuses approving a subcontract that was never proposed, and reusing an id', () => {
    expect(
      refusalOf(
        live({
          on: '2020-05-10',
          type: 'subcontract-approved',
          by: 'commissioner',
          subcontract: 'x',
          direct_agreement_required: false,
        }),
      )[0]?.reason,
    ).toMatch(/no subcontract 'x'/);
    expect(
      refusalOf(live(propose, { ...propose, on: '2020-05-02' } as ContractEventInput))[0]?.reason,
    ).toMatch(/already used/);
  });

  it('tracks a required removal as an obligation met when the subcontract ends', () => {
    const events = live(
      propose,
      {
        on: '2020-05-10',
        type: 'subcontract-approved',
        by: 'commissioner',
        subcontract: 'therapies',
        direct_agreement_required: false,
      },
      {
        on: '2021-01-04',
        type: 'subcontractor-change-required',
        by: 'commissioner',
        requirement: 'remove-therapies',
        action: 'remove',
        subcontract: 'therapies',
        due: '2021-04-01',
        reason: 'Quality concerns',
      },
    );
    const open = replay(events, '2021-05-01').obligations.find((o) => o.key === 'remove-therapies');
    expect(open?.status).toBe('overdue');
    const ended = replay(
      [...events, { on: '2021-03-01', type: 'subcontract-ended', by: 'provider', subcontract: 'therapies' }],
      '2021-05-01',
    );
    expect(ended.obligations.find((o) => o.key === 'remove-therapies')?.status).toBe('met');
  });

  it('lets the ICP receive reports on third-party contracts but never negotiate or act on them', () => {
    const activity = (a: string): ContractEventInput =>
      ({
        on: '2020-06-01',
        type: 'third-party-contract-activity',
        by: 'provider',
        third_party: 'Acute Trust',
        activity: a,
      }) as ContractEventInput;
    expect(refusalOf(live(activity('analyse-third-party-data')))).toEqual([]);
    for (const bad of [
      'negotiate-third-party-terms',
      'discuss-third-party-performance',
      'take-contractual-action',
      'made-up',
    ]) {
      const [refusal] = refusalOf(live(activity(bad)));
      expect(refusal?.rule).toBe('functions.activity.third-party-contracts');
      expect(refusal?.citations[0]?.source).toBe('ccg-roles-2018');
    }
  });
});

describe('termination, expiry and exit', () => {
  const breach = (material: boolean, id = 'b1', on = '2021-01-04'): ContractEventInput => ({
    on,
    type: 'breach-recorded',
    by: 'commissioner',
    breach: id,
    condition: 'SC1.8.1',
    description: 'Put the CCG in breach of a statutory duty',
    material,
  });
  const immediate = (id = 'b1'): ContractEventInput => ({
    on: '2021-02-01',
    type: 'commissioner-termination',
    by: 'commissioner',
    scope: 'contract',
    ground: 'default',
    immediate: true,
    breach: id,
  });

  it('ends the contract at once for a material breach and starts exit', () => {
    const r = replay(live(breach(true), immediate()), '2021-02-02');
    expect(r.state.phase).toBe('exit');
    expect(r.state.ended).toEqual({ how: 'termination', on: '2021-02-01', for_default: true });
  });

  it('refuses immediate termination for a breach that is neither material nor persistent', () => {
    const [refusal] = refusalOf(live(breach(false), immediate()));
    expect(refusal?.rule).toBe('lifecycle.termination.by-commissioner');
    expect(refusal?.reason).toMatch(/neither material nor persistent/);
  });

  it('treats the third breach of the same condition within 12 months as persistent', () => {
    const events = live(
      breach(false, 'b1', '2020-06-01'),
      breach(false, 'b2', '2020-09-01'),
      breach(false, 'b3', '2021-01-04'),
      immediate('b3'),
    );
    const r = replay(events, '2021-02-02');
    expect(r.state.breaches.map((b) => b.persistent)).toEqual([false, false, true]);
    expect(r.state.phase).toBe('exit');
  });

  it("refuses the ICP's notice shorter than the commissioners set, and ends the contract when a long enough one runs out", () => {
    const notice = (effective: string): ContractEventInput => ({
      on: '2021-01-04',
      type: 'provider-termination',
      by: 'provider',
      scope: 'contract',
      effective,
    });
    const [refusal] = refusalOf(live(notice('2022-01-04')));
    expect(refusal?.rule).toBe('lifecycle.termination.by-provider');
    expect(refusal?.reason).toMatch(/24 months.*4 January 2023 at the earliest/);
    const r = replay(live(notice('2023-01-04')), '2022-06-01');
    expect(r.state.phase).toBe('under-notice');
    expect(replay(live(notice('2023-01-04')), '2023-01-04').state.phase).toBe('exit');
  });

  it('ends a single service at the end of its notice, leaving the contract live', () => {
    const r = replay(
      live({
        on: '2021-01-04',
        type: 'commissioner-termination',
        by: 'commissioner',
        scope: 'service',
        service: 'social-care',
        ground: 'quality',
        effective: '2021-07-04',
      }),
      '2021-07-04',
    );
    expect(r.state.phase).toBe('live');
    expect(r.state.services['social-care']?.status).toBe('terminated');
    expect(r.state.services.community?.status).toBe('active');
  });

  it('refuses commissioner notice shorter than their own period', () => {
    const [refusal] = refusalOf(
      live({
        on: '2021-01-04',
        type: 'commissioner-termination',
        by: 'commissioner',
        scope: 'contract',
        ground: 'financial-viability',
        effective: '2021-06-01',
      }),
    );
    expect(refusal?.reason).toMatch(/12 months/);
  });

  it('expires the day after the term, reactivates suspended GP contracts by default and closes on exit', () => {
    const events = live(
      {
        on: '2020-05-01',
        type: 'practice-integrated-fully',
        by: 'practice',
        practice: { ods: 'M87001', name: 'A', list_size: 7000, contract: 'gms' },
      },
      { on: '2030-06-30', type: 'exit-completed', by: 'commissioner' },
    );
    expect(replay(events, '2030-03-31').state.phase).toBe('live');
    const after = replay(events, '2030-04-01').state;
    expect(after.phase).toBe('exit');
    expect(after.practices.M87001?.periods).toEqual([
      { mode: 'full', from: '2020-05-01', to: '2030-04-01', ended_by: 'default-on-exit' },
    ]);
    expect(replay(events, '2030-07-01').state.phase).toBe('closed');
  });

  it('allows a compensation claim only after an ending for the ICP default', () => {
    const claim: ContractEventInput = {
      on: '2021-03-01',
      type: 'termination-costs-claimed',
      by: 'commissioner',
      costs: '£250,000.00',
      recommissioning: '£400,000.00',
    };
    expect(refusalOf(live(breach(true), immediate(), claim))).toEqual([]);
    expect(
      replay(live(breach(true), immediate(), claim), '2021-03-02').state.compensation_claims[0]
        ?.recommissioning_pence,
    ).toBe(40_000_000);
    const viability: ContractEventInput = {
      on: '2021-01-04',
      type: 'commissioner-termination',
      by: 'commissioner',
      scope: 'contract',
      ground: 'financial-viability',
      effective: '2022-01-04',
    };
    expect(refusalOf(live(viability, { ...claim, on: '2022-02-01' } as ContractEventInput))[0]?.rule).toBe(
      'lifecycle.termination.compensation',
    );
  });
});

describe('suspension and variation', () => {
  it('suspends and restores an individual service', () => {
    const suspend: ContractEventInput = {
      on: '2020-06-01',
      type: 'service-suspended',
      by: 'commissioner',
      service: 'community',
      reason: 'CQC warning notice',
    };
    expect(replay(live(suspend), '2020-06-02').state.services.community?.status).toBe('suspended');
    expect(
      refusalOf(live(suspend, { ...suspend, on: '2020-06-05' } as ContractEventInput))[0]?.reason,
    ).toMatch(/is suspended/);
    const restored = live(suspend, {
      on: '2020-09-01',
      type: 'service-restored',
      by: 'commissioner',
      service: 'community',
    });
    expect(replay(restored, '2020-09-02').state.services.community?.status).toBe('active');
  });

  it('adds a service by variation and flags an extension beyond 10 years', () => {
    const r = replay(
      live({
        on: '2021-01-04',
        type: 'variation-agreed',
        by: 'commissioner',
        description: 'Add urgent care; extend by two years',
        add_services: [{ id: 'urgent', name: 'Urgent treatment', kind: 'healthcare', commissioner: 'ccg' }],
        new_end: '2032-03-31',
      }),
      '2021-01-05',
    );
    expect(r.state.services.urgent?.status).toBe('active');
    expect(r.state.flags[0]?.rule).toBe('contract.term.maximum-years');
    expect(r.state.particulars.end).toBe('2032-03-31');
  });
});

describe('performance and safeguards', () => {
  const plan: ContractEventInput = {
    on: '2021-01-04',
    type: 'remedial-plan-agreed',
    by: 'commissioner',
    plan: 'rap-1',
    actions: ['Recruit'],
    due: '2021-03-31',
  };
  const withhold = (on: string): ContractEventInput => ({
    on,
    type: 'payment-withheld',
    by: 'commissioner',
    plan: 'rap-1',
    amount: '£50,000.00',
  });

  it('withholds payment only once a remedial plan is overdue', () => {
    expect(refusalOf(live(plan, withhold('2021-03-31')))[0]?.reason).toMatch(/not due until 31 March 2021/);
    expect(refusalOf(live(plan, withhold('2021-04-01')))).toEqual([]);
    const done = live(
      plan,
      { on: '2021-03-01', type: 'remedial-plan-completed', by: 'commissioner', plan: 'rap-1' },
      withhold('2021-04-01'),
    );
    expect(refusalOf(done)[0]?.reason).toMatch(/delivered/);
  });

  it('pays an indicator incentive when the target is met and nothing when it is missed', () => {
    const result = (value: string): ContractEventInput => ({
      on: '2021-06-01',
      type: 'indicator-result',
      by: 'commissioner',
      indicator: 'admissions',
      year: '2020/21',
      value,
    });
    expect(replay(live(result('95')), '2021-06-02').incentives).toEqual([
      { year: '2020/21', earned_pence: 100_000_000, available_pence: 100_000_000 },
    ]);
    expect(replay(live(result('95.01')), '2021-06-02').incentives[0]?.earned_pence).toBe(0);
  });

  describe('an ICP that is not a statutory body', () => {
    const nonStatutory = {
      provider: { name: 'Test GP Federation Ltd', statutory_body: false },
      non_statutory: {
        minimum_net_worth: '£2,000,000.00',
        minimum_current_ratio: '1.2',
        guarantee_required: true,
      },
    };
    const guarantee: ContractEventInput = {
      on: '2020-03-15',
      type: 'obligation-met',
      by: 'provider',
      obligation: 'lifecycle.obligation.guarantee',
      key: 'once',
    };
    const withGuarantee = [...toLive.slice(0, 8), guarantee, toLive[8] as ContractEventInput];
    const position = (netWorth: string): ContractEventInput => ({
      on: '2021-07-01',
      type: 'financial-position-reported',
      by: 'provider',
      net_worth: netWorth,
      current_assets: '£6,000,000.00',
      current_liabilities: '£4,000,000.00',
    });
    const distribution = (amount: string): ContractEventInput => ({
      on: '2021-08-01',
      type: 'distribution-made',
      by: 'provider',
      amount,
    });

    it('cannot start services without the guarantee the commissioners require', () => {
      const r = replay(toLive, '2020-04-02', nonStatutory);
      expect(r.state.phase).toBe('mobilising');
      expect(r.state.refusals[0]?.rule).toBe('lifecycle.obligation.guarantee');
      expect(replay(withGuarantee, '2020-04-02', nonStatutory).state.phase).toBe('live');
    });

    it('records a breach when net worth falls below the minimum', () => {
      const r = replay([...withGuarantee, position('£1,500,000.00')], '2021-07-02', nonStatutory);
      expect(r.state.breaches[0]?.condition).toMatch(/net worth/);
    });

    it('distributes only while net worth and liquidity stay above the minimum afterwards', () => {
      const ok = replay(
        [...withGuarantee, position('£5,000,000.00'), distribution('£500,000.00')],
        '2021-08-02',
        nonStatutory,
      );
      expect(ok.state.refusals).toEqual([]);
      // 6.0m - 1.5m = 4.5m of assets against 4.0m of liabilities is 1.125, below 1.2.
      const tooMuch = replay(
        [...withGuarantee, position('£5,000,000.00'), distribution('£1,500,000.00')],
        '2021-08-02',
        nonStatutory,
      );
      expect(tooMuch.state.refusals[0]?.rule).toBe('lifecycle.safeguard.distribution');
      expect(tooMuch.state.refusals[0]?.reason).toMatch(/current assets/);
    });

    it('refuses collateral without prior approval and allows it with', () => {
      const grant: ContractEventInput = {
        on: '2021-02-01',
        type: 'collateral-granted',
        by: 'provider',
        asset: 'Brierley Hill hub',
      };
      expect(replay([...withGuarantee, grant], '2021-03-01', nonStatutory).state.refusals[0]?.rule).toBe(
        'lifecycle.safeguard.collateral-approval',
      );
      const approved = [
        ...withGuarantee,
        { on: '2021-01-10', type: 'collateral-approved', by: 'commissioner', asset: 'Brierley Hill hub' },
        grant,
      ] as ContractEventInput[];
      expect(replay(approved, '2021-03-01', nonStatutory).state.refusals).toEqual([]);
    });

    it('treats other business as a breach of the single-purpose rule', () => {
      const r = replay(
        [
          ...withGuarantee,
          {
            on: '2021-02-01',
            type: 'other-business-started',
            by: 'commissioner',
            description: 'Private occupational health',
          },
        ],
        '2021-03-01',
        nonStatutory,
      );
      expect(r.state.breaches[0]?.material).toBe(true);
    });
  });
});
