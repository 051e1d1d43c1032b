import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { formatPounds, type Pence, pence, zero } from '../core/money.ts';
import { Arrangement, type ArrangementInput } from '../law/arrangement.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { monthsIn } from '../money/calendar.ts';
import { buildBudget, type FundingStreamClassifier } from './budget.ts';
import { moneyAtRisk } from './incentives.ts';
import { monthlyInstalments, wpapSchedule } from './wpap.ts';
import { budgetToWpap, explainYears, type YearFigures } from './wpap-explain.ts';

const rulebook = loadRulebook();

/** A small explicit classifier for tests: the real one is the rulebook's pooling plan. */
const classify: FundingStreamClassifier = (stream, _on, i) => {
  switch (stream.source) {
    case 'delegated-primary-medical':
    case 's7a':
      return { class: 'aligned', reason: 'ring-fenced' };
    case 'icb-core':
    case 'la-social-care':
    case 'public-health-grant':
      if (stream.service === 'unknown-service') {
        throw new InvalidInput(
          `funding_streams[${i}].service`,
          `the rulebook does not know '${stream.service}'`,
        );
      }
      return { class: 'pooled', reason: 's75 pooled fund' };
    default:
      return { class: 'outside', reason: 'not in the contract' };
  }
};

function arrangement(
  payment?: ArrangementInput['payment'],
  term = { start: '2026-04-01', end: '2031-03-31' },
): Arrangement {
  return Arrangement.parse({
    name: 'Test ICP',
    commissioners: [
      { id: 'icb', name: 'ICB', kind: 'icb' },
      { id: 'council', name: 'Council', kind: 'local-authority' },
    ],
    providers: [{ id: 'icp', name: 'ICP', kind: 'nhs-trust', lead: true }],
    services: [
      { service: 'primary-medical', commissioner: 'icb', provider: 'icp' },
      { service: 'community-health', commissioner: 'icb', provider: 'icp' },
      { service: 'adult-social-care', commissioner: 'council', provider: 'icp' },
      { service: 's7a-immunisation', commissioner: 'icb', provider: 'icp' },
    ],
    funding_streams: [
      {
        id: 'gp',
        service: 'primary-medical',
        commissioner: 'icb',
        source: 'delegated-primary-medical',
        annual_value: '£12,000,000.00',
      },
      {
        id: 'community',
        service: 'community-health',
        commissioner: 'icb',
        source: 'icb-core',
        annual_value: '£40,000,000.00',
      },
      {
        id: 'social',
        service: 'adult-social-care',
        commissioner: 'council',
        source: 'la-social-care',
        annual_value: '£8,000,000.00',
      },
      {
        id: 'spec',
        service: 'community-health',
        commissioner: 'icb',
        source: 'specialised',
        annual_value: '£5,000,000.00',
      },
    ],
    gp_practices: [
      { ods: 'M87009', contract: 'pms', mode: 'partial', integration_agreement: true, list_size: 17202 },
      { ods: 'M87010', contract: 'gms', mode: 'partial', integration_agreement: true, list_size: 8189 },
    ],
    term,
    payment,
  });
}

function schedule(a: Arrangement, years?: number) {
  return wpapSchedule(buildBudget(a, classify, a.term?.start ?? '2026-04-01'), a, rulebook, { years });
}

describe('integrated budget', () => {
  it('totals pooled, aligned and outside streams and finds the CQUIN-eligible value', () => {
    const a = arrangement();
    const b = buildBudget(a, classify, '2026-04-01');
    expect([b.pooled.amount, b.aligned.amount, b.outside.amount, b.icp_total.amount]).toEqual([
      48_000_000_00, 12_000_000_00, 5_000_000_00, 60_000_000_00,
    ]);
    expect(b.cquin_eligible.amount).toBe(40_000_000_00);
  });

  it('refuses an unknown service, naming the stream', () => {
    const a = arrangement();
    a.funding_streams[1] = {
      ...a.funding_streams[1],
      service: 'unknown-service',
    } as (typeof a.funding_streams)[number];
    expect(() => buildBudget(a, classify, '2026-04-01')).toThrow(/funding_streams\[1\]\.service/);
  });
});

describe('WPAP schedule', () => {
  it('with no payment terms pays the baseline in twelve equal instalments each year', () => {
    const s = schedule(arrangement());
    expect(s.years).toHaveLength(5);
    for (const y of s.years) {
      expect(y.wpap).toBe(60_000_000_00);
      expect(y.instalments).toEqual(Array(12).fill(5_000_000_00));
    }
  });

  it('takes out CQUIN, local indicators and activity-paid lines, uplifts and adjusts by population, and flags national assurance', () => {
    const s = schedule(
      arrangement({
        cquin: {
          rate: '1.25%',
          indicators: [
            { id: 'flu', weight: 1, achievement: '100%' },
            { id: 'sepsis', weight: 1, achievement: '50%' },
          ],
        },
        local_indicators: [{ id: 'frailty', weight: 1, at_risk: '0.5%', achievement: '80%' }],
        activity_paid: [{ id: 'vacc', service: 's7a-immunisation', annual_value: '£1,000,000.00' }],
        uplifts: [{ from: '2027-04-01', rate: '2%' }],
        population_index: [{ year: '2027/28', index: '1.01' }],
        gp_flow_through: { share: '10%' },
      }),
    );
    const [y1, y2] = s.years;
    // 60m − 1.25% × 40m − 0.5% × 60m − 1m
    expect(y1?.wpap).toBe(60_000_000_00 - 500_000_00 - 300_000_00 - 1_000_000_00);
    // The local indicator's money at risk is on top of the national schemes (seed 001 paragraph 45).
    const atRisk = moneyAtRisk(y1?.cquin_at_risk as Pence, y1?.local_at_risk as Pence);
    expect(atRisk.national_assurance_needed).toBe(true);
    expect(y1?.incentives_earned).toBe(250_000_00 + 125_000_00 + 240_000_00);
    expect(y1?.flow_through?.total).toBe(61_500_00);
    // 60m × 1.02 × 1.01
    expect(y2?.in_scope).toBe(61_812_000_00);
    expect(explainYears(s)[1]?.in_scope.trace.parts[0]?.parameters[0]).toMatchObject({
      title: 'Annual uplift',
      from: '2027-04-01',
      citations: ["agreed locally, in the arrangement's payment terms"],
    });
  });

  it('pays a scope change pro rata by days from its date, in the months from that date', () => {
    const s = schedule(
      arrangement({
        scope_changes: [
          { from: '2026-10-01', annual_value: '£3,650,000.00', description: 'adds falls service' },
        ],
      }),
    );
    const [y1, y2] = s.years;
    // 182 of 365 days
    expect(y1?.in_scope).toBe(60_000_000_00 + 1_820_000_00);
    expect(y1?.instalments[0]).toBe(5_000_000_00);
    expect(y1?.instalments[6]).toBe(5_303_333_34); // £1,820,000 ÷ 6 leaves 2p: one each to October and November
    expect(y1?.instalments[7]).toBe(5_303_333_34);
    expect(y1?.instalments[8]).toBe(5_303_333_33);
    expect(y2?.in_scope).toBe(63_650_000_00);
  });

  it('a part year (term starting mid-year) is paid pro rata by days', () => {
    const s = schedule(arrangement(undefined, { start: '2026-07-01', end: '2028-06-30' }));
    expect(s.years.map((y) => y.year)).toEqual(['2026/27', '2027/28', '2028/29']);
    expect(s.years[0]?.wpap).toBe(Math.round((60_000_000_00 * 274) / 365));
    expect(s.years[0]?.instalments).toHaveLength(9);
    expect(s.years[2]?.instalments).toHaveLength(3);
  });

  it('caps the in-scope value at what the allocations can afford', () => {
    const s = schedule(arrangement({ affordability: [{ year: '2026/27', cap: '£59,000,000.00' }] }));
    expect(s.years[0]?.in_scope).toBe(59_000_000_00);
  });

  it('refuses bad payment terms with the field named and no partial result', () => {
    const bad: [ArrangementInput['payment'], RegExp][] = [
      [{ cquin: {} }, /payment\.cquin\.rate: the rulebook has no value of 'money\.cquin\.rate'/],
      [
        { scope_changes: [{ from: '2040-01-01', annual_value: '£1.00', description: 'x' }] },
        /payment\.scope_changes\[0\]\.from: .* outside the term/,
      ],
      [
        {
          uplifts: [
            { from: '2027-04-01', rate: '2%' },
            { from: '2027-04-01', rate: '3%' },
          ],
        },
        /payment\.uplifts\[1\]: overlaps/,
      ],
      [
        { uplifts: [{ from: '2027-04-01', to: '2028-03-31', rate: '2%' }] },
        /payment\.uplifts: no uplift covers 2028\/29/,
      ],
      [
        { activity_paid: [{ id: 'x', service: 'dentistry', annual_value: '£1.00' }] },
        /payment\.activity_paid\[0\]\.service/,
      ],
      [
        { population_index: [{ year: '2035/36', index: '1.1' }] },
        /payment\.population_index\[0\]\.year: 2035\/36 is outside/,
      ],
      [
        { local_indicators: [{ id: 'x', weight: 1, at_risk: '200%', achievement: '1%' }] },
        /payment\.local_indicators\[0\]\.at_risk: 200% is not money at risk on an indicator: it must be from 0% to 100%/,
      ],
      [
        {
          local_indicators: [
            { id: 'x', weight: 1, at_risk: '60%', achievement: '1%' },
            { id: 'y', weight: 1, at_risk: '60%', achievement: '1%' },
          ],
        },
        /payment: in 2026\/27 .* exceed/,
      ],
      [
        { local_indicators: [{ id: 'x', weight: 1, at_risk: '1%', achievement: '101%' }] },
        /payment\.local_indicators\[0\]\.achievement: 101% is outside 0% to 100%/,
      ],
      [
        { cquin: { rate: '1%', indicators: [{ id: 'a', achievement: '100.5%' }] } },
        /payment\.cquin\.indicators\[0\]\.achievement: 100\.5% is outside 0% to 100%/,
      ],
    ];
    for (const [payment, message] of bad) expect(() => schedule(arrangement(payment))).toThrow(message);
    expect(() => schedule(arrangement(), 6)).toThrow(/--years: .*outside the term/);
    expect(() => schedule(arrangement(undefined, { start: '2026-04-01', end: '2026-03-01' }))).toThrow(
      /term: ends/,
    );
  });
});

describe('monthly instalments', () => {
  it('always add up to the year exactly, and a whole year is twelve near-equal payments', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (amount) => {
        const year = { from: '2025-04-01', to: '2026-03-31' };
        const values = monthlyInstalments(year, '2025/26', pence(amount));
        // The twelve-equal-shares shortcut gives what the month-by-month weighting gives.
        const weighted = monthlyInstalments(year, '2025/26', zero, [
          { from: year.from, amount: pence(amount) },
        ]);
        return (
          values.reduce((a, b) => a + b, 0) === amount &&
          Math.max(...values) - Math.min(...values) <= 1 &&
          values[0] === Math.max(...values) &&
          values.every((v, i) => v === weighted[i])
        );
      }),
    );
  });

  it('add up for any mix of parts starting on any day', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 364 }), fc.integer({ min: -1e9, max: 1e9 })), {
          maxLength: 5,
        }),
        (parts) => {
          const list = parts.map(([d, a]) => ({
            from: new Date(Date.UTC(2025, 3, 1 + d)).toISOString().slice(0, 10),
            amount: pence(a),
          }));
          const ins = monthlyInstalments({ from: '2025-04-01', to: '2026-03-31' }, '2025/26', zero, list);
          return ins.reduce((s, i) => s + i, 0) === parts.reduce((s, [, a]) => s + a, 0);
        },
      ),
    );
  });
});

/** A rate in hundredths of a per cent, written as the arrangement writes it (`1.25%`). */
const percent = (hundredths: number) => `${(hundredths / 100).toFixed(2)}%`;

describe('explaining a schedule', () => {
  it('explains the figures the schedule holds, and every year adds up', () => {
    fc.assert(
      fc.property(
        fc.record({
          startDay: fc.integer({ min: 0, max: 364 }),
          cquin: fc.integer({ min: 0, max: 300 }),
          local: fc.integer({ min: 0, max: 200 }),
          achieved: fc.integer({ min: 0, max: 100 }),
          uplift: fc.integer({ min: 0, max: 500 }),
          changeDay: fc.integer({ min: 0, max: 1000 }),
          change: fc.integer({ min: -1_000_000_00, max: 5_000_000_00 }),
          cap: fc.option(fc.integer({ min: 50_000_000_00, max: 70_000_000_00 }), { nil: undefined }),
        }),
        (g) => {
          const start = new Date(Date.UTC(2026, 3, 1 + g.startDay)).toISOString().slice(0, 10);
          const from = new Date(Date.UTC(2026, 3, 1 + g.startDay + g.changeDay)).toISOString().slice(0, 10);
          const s = schedule(
            arrangement(
              {
                cquin: {
                  rate: percent(g.cquin),
                  indicators: [
                    { id: 'a', weight: 1, achievement: `${g.achieved}%` },
                    { id: 'b', weight: 3, achievement: '100%' },
                  ],
                },
                local_indicators: [{ id: 'c', at_risk: percent(g.local), achievement: `${g.achieved}%` }],
                activity_paid: [{ id: 'v', service: 's7a-immunisation', annual_value: '£1,000,000.00' }],
                uplifts: [{ from: '2027-04-01', rate: percent(g.uplift) }],
                scope_changes: [
                  {
                    from,
                    annual_value: `${g.change < 0 ? '-' : ''}£${Math.abs(g.change) / 100}`,
                    description: 'x',
                  },
                ],
                affordability: g.cap === undefined ? [] : [{ year: '2027/28', cap: `£${g.cap / 100}` }],
                gp_flow_through: { share: '10%' },
              },
              { start, end: '2030-03-31' },
            ),
          );
          const explained = explainYears(s);
          return s.years.every((y, k) => {
            const e = explained[k] as YearFigures;
            const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
            return (
              e.in_scope.amount === y.in_scope &&
              e.wpap.amount === y.wpap &&
              e.incentives_earned.amount === y.incentives_earned &&
              e.flow_through?.amount === y.flow_through?.total &&
              e.wpap.trace.what === `WPAP ${y.year}: ${formatPounds(y.wpap)}` &&
              y.wpap === y.in_scope - y.cquin_at_risk - y.local_at_risk - y.activity_paid &&
              y.local_at_risk === total(y.local_indicators) &&
              y.activity_paid === total(y.activity_lines) &&
              total(y.instalments) === y.wpap &&
              y.instalments.length === monthsIn(y.period, y.year).length &&
              total(y.flow_through?.parts ?? []) === y.flow_through?.total &&
              (k === 0 ||
                e.in_scope.trace.parts[0]?.inputs.last_year ===
                  formatPounds(s.years[k - 1]?.full_year as Pence))
            );
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('payment terms that used to give a wrong or dropped figure', () => {
  const refuses = (payment: ArrangementInput['payment'], message: RegExp) =>
    expect(() => schedule(arrangement(payment))).toThrow(message);

  it('a loss outturn in a year whose WPAP is £0.00 is refused, not dropped', () => {
    refuses(
      {
        affordability: [{ year: '2026/27', cap: '£0.00' }],
        risk_share: { outturn: [{ year: '2026/27', variance: '£5,000,000.00' }] },
      },
      /payment\.risk_share\.outturn\[0\]\.variance: the WPAP for 2026\/27 is £0\.00, so a variance of £5,000,000\.00 cannot be shared/,
    );
  });

  it('a population index of 0 is refused, since it would make every later year £0.00', () => {
    refuses(
      { population_index: [{ year: '2027/28', index: '0' }] },
      /payment\.population_index\[0\]\.index: 0 would make the in-scope value £0\.00 from 2027\/28 on/,
    );
  });

  it('a flow-through share above 100% is refused, so practices never get more than was earned', () => {
    refuses(
      { gp_flow_through: { share: '150%' } },
      /payment\.gp_flow_through\.share: 150% is not a share of incentive money earned: it must be from 0% to 100%/,
    );
  });

  it('two outturns, population indices or affordability caps for one year are refused, naming both', () => {
    refuses(
      {
        risk_share: {
          outturn: [
            { year: '2026/27', variance: '£1.00' },
            { year: '2026/27', variance: '£2.00' },
          ],
        },
      },
      /payment\.risk_share\.outturn\[1\]\.year: 2026\/27 is also given at payment\.risk_share\.outturn\[0\]\.year/,
    );
    refuses(
      {
        affordability: [
          { year: '2027/28', cap: '£1.00' },
          { year: '2027/28', cap: '£2.00' },
        ],
      },
      /payment\.affordability\[1\]\.year: 2027\/28 is also given at payment\.affordability\[0\]\.year/,
    );
  });

  it('a CQUIN rate of 150% is refused as an invalid rate, not as money at risk exceeding scope', () => {
    refuses(
      { cquin: { rate: '150%', indicators: [] } },
      /payment\.cquin\.rate: 150% is not a CQUIN rate: it must be from 0% to 100%/,
    );
  });
});

describe('risk-share corridors', () => {
  const outturn = [{ year: '2026/27', variance: '£3,000,000.00' }];

  it("an arrangement without corridors uses the rulebook's dated default, and the trace cites it", () => {
    const s = schedule(arrangement({ risk_share: { outturn } }));
    const provider = s.years[0]?.risk_share?.provider;
    // WPAP £60m, loss £3m = 5%: 2% + 1% + 0.2% = 3.2% of £60m = £1,920,000.
    expect(provider?.amount).toBe(1_920_000_00);
    const p = provider?.trace.parameters[0];
    expect(p?.id).toBe('money.risk-share.default-corridors');
    expect(p?.value).toBe('100% up to 2%, 50% up to 4%, 20% beyond');
    expect(p?.citations.join(' ')).toMatch(/Draft ICP Contract.*paragraph 45/);
  });

  it("a contract's own corridors are traced as inputs from the arrangement file", () => {
    const s = schedule(arrangement({ risk_share: { corridors: [{ provider_share: '50%' }], outturn } }));
    const provider = s.years[0]?.risk_share?.provider;
    expect(provider?.amount).toBe(1_500_000_00);
    expect(provider?.trace.parameters[0]?.citations).toEqual([
      "agreed locally, in the arrangement's payment terms",
    ]);
  });
});

describe('from the budget to the first WPAP', () => {
  it('names each step from the budget to the WPAP, and the steps add up exactly', () => {
    fc.assert(
      fc.property(
        fc.record({
          startDay: fc.integer({ min: 0, max: 364 }),
          cquin: fc.integer({ min: 0, max: 300 }),
          local: fc.integer({ min: 0, max: 200 }),
          changeDay: fc.integer({ min: 0, max: 364 }),
          change: fc.integer({ min: -1_000_000_00, max: 5_000_000_00 }),
          cap: fc.option(fc.integer({ min: 1_000_000_00, max: 70_000_000_00 }), { nil: undefined }),
        }),
        (g) => {
          const day = (n: number) => new Date(Date.UTC(2026, 3, 1 + n)).toISOString().slice(0, 10);
          const a = arrangement(
            {
              cquin: { rate: percent(g.cquin), indicators: [{ id: 'a', weight: 1, achievement: '100%' }] },
              local_indicators: [
                { id: 'c', name: 'Fewer falls', at_risk: percent(g.local), achievement: '50%' },
              ],
              activity_paid: [
                {
                  id: 'v',
                  service: 's7a-immunisation',
                  annual_value: '£1,000,000.00',
                  description: 'Vaccinations',
                },
              ],
              scope_changes: [
                {
                  from: day(Math.max(g.startDay, g.changeDay)),
                  annual_value: `${g.change < 0 ? '-' : ''}£${Math.abs(g.change) / 100}`,
                  description: 'Falls service',
                },
              ],
              affordability: g.cap === undefined ? [] : [{ year: '2026/27', cap: `£${g.cap / 100}` }],
            },
            { start: day(g.startDay), end: '2028-03-31' },
          );
          let s: ReturnType<typeof schedule>;
          try {
            s = schedule(a, 1);
          } catch (e) {
            // A cap below the money at risk leaves a negative WPAP, which the schedule refuses.
            if (e instanceof InvalidInput && e.field === 'payment') return true;
            throw e;
          }
          const r = budgetToWpap(s);
          const total = r.steps.reduce((t: number, x) => t + x.amount, r.budget);
          const capped = s.years[0]?.capped === true;
          return (
            r.budget === s.from.budget.icp_total.amount &&
            total === r.wpap &&
            r.wpap === s.years[0]?.wpap &&
            r.steps.every((x) => x.amount !== 0 && !/payment\.|seed/.test(x.what)) &&
            capped === r.steps.some((x) => x.what.startsWith('limited to the affordability cap'))
          );
        },
      ),
    );
  });
});
