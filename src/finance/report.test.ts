import { describe, expect, it } from 'vitest';
import type { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { checkCommissionerCodes } from '../system/commissioner-codes.ts';
import { classifyByRulebook } from './budget.ts';
import { budgetReport } from './report.ts';
import type { Trace } from './trace.ts';

const rulebook = loadRulebook();
const example = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
const report = (a: Arrangement, years = 1, explain = false) =>
  budgetReport(a, classifyByRulebook(rulebook), rulebook, { years, explain });
const withCommissioner = (ods: string, kind: 'ccg' | 'icb' = 'icb'): Arrangement => ({
  ...example,
  commissioners: example.commissioners.map((c, i) => (i === 0 ? { ...c, ods, kind } : c)),
});

describe('commissioner ODS codes checked against the NHS lists on the day', () => {
  it('refuses an ICB code that did not exist on the first day of the term', () => {
    expect(() => report(withCommissioner('QZZ'))).toThrow(
      /commissioners\[0\]\.ods: QZZ is not the code of any ICB on 1 April 2026/,
    );
  });

  it('accepts a real ICB and a real CCG of its day, and says when a date is too early to check', () => {
    expect(report(example).notes).toEqual([]);
    expect(checkCommissionerCodes(withCommissioner('05C', 'ccg'), '2020-04-01')).toEqual([]);
    expect(() => checkCommissionerCodes(withCommissioner('05C', 'ccg'), '2021-04-01')).toThrow(
      /05C is not the code of any CCG on 1 April 2021/,
    ); // Dudley CCG merged into Black Country and West Birmingham CCG that day
    expect(checkCommissionerCodes(withCommissioner('05C', 'ccg'), '2019-04-01')[0]).toMatch(
      /ODS code 05C was not checked: the NHS lists held here start on 1 April 2020/,
    );
    expect(() => checkCommissionerCodes(withCommissioner('QUA', 'ccg'), '2023-04-01')).toThrow(
      /commissioners\[0\]\.kind: there were no CCGs on 1 April 2023/,
    );
  });
});

describe('instalments', () => {
  it('label the days actually paid when the term starts mid-month', () => {
    const late = { ...example, term: { start: '2026-04-17', end: '2036-03-31' } };
    const [april, may] = report(late).years[0]?.instalments ?? [];
    expect(april).toMatchObject({ month: '17 to 30 April 2026', from: '2026-04-17', to: '2026-04-30' });
    expect(may).toMatchObject({ month: 'May 2026', from: '2026-05-01', to: '2026-05-31' });
  });

  it('and the risk share each carry a trace when explained', () => {
    const y = report(example, 1, true).years[0];
    expect(y?.instalments[0]?.trace?.what).toMatch(/^WPAP instalment for April 2026: £/);
    expect(y?.instalments[0]?.trace?.inputs.days_paid).toBe('30 of 30');
    expect(y?.risk_share?.provider.trace?.parameters[0]?.citations).toEqual([
      "agreed locally, in the arrangement's payment terms",
    ]);
  });
});

describe('QOF', () => {
  it('refuses a QOF year outside the contract term', () => {
    const qof = {
      year: '2022/23',
      practices: [
        {
          ods: 'M87008',
          indicators: [
            {
              id: 'x',
              points_available: 10,
              lower: '40%',
              upper: '90%',
              numerator: 5,
              denominator: 10,
              exceptions: 0,
              prevalence_factor: '1',
            },
          ],
        },
      ],
    };
    const gp = example.gp_practices.map((g) => (g.ods === 'M87008' ? { ...g, list_size: 9000 } : g));
    const a = {
      ...example,
      gp_practices: gp,
      payment: { ...(example.payment as NonNullable<Arrangement['payment']>), qof },
    };
    expect(() => report(a)).toThrow(
      /payment\.qof\.year: 2022\/23 is outside the contract term \(1 April 2026 to 31 March 2036\)/,
    );
  });
});

describe('the budget explained in words a commissioner reads', () => {
  /** Every text of a trace: what, how, the inputs' names and values, the parameters and their sources. */
  const texts = (t: Trace): string[] => [
    t.what,
    t.rule,
    ...Object.entries(t.inputs).flat(),
    ...t.parameters.flatMap((p) => [p.title, ...p.citations]),
    ...t.parts.flatMap(texts),
  ];

  it('names streams by service and commissioner and sources by title, never by internal id', () => {
    const r = report(example, 1, true);
    const year = r.years[0];
    const traces = [
      r.budget.pooled,
      r.budget.aligned,
      r.budget.icp_total,
      r.budget.cquin_eligible,
      year?.wpap,
      year?.risk_share?.provider,
      year?.flow_through,
    ];
    const all = traces.flatMap((f) => (f?.trace ? texts(f.trace) : []));
    expect(all.length).toBeGreaterThan(20);
    const streamIds = example.funding_streams.map((s) => s.id);
    expect(all.filter((t) => /pooling\.|payment\.|\bseeds?\b/.test(t) || streamIds.includes(t))).toEqual([]);
    expect(Object.keys(r.budget.pooled.trace?.inputs ?? {})).toContain(
      'NHS continuing healthcare from NHS Black Country Integrated Care Board',
    );
    expect(all).toContain(
      'in-scope value − incentive money at risk − activity-paid lines (NHS England, Draft ICP Contract: a consultation, August 2018, paragraphs 39 and 40)',
    );
    // Each stream says where it sits with the sources that say so, by title.
    expect(
      r.budget.pooled.trace?.inputs['NHS continuing healthcare from NHS Black Country Integrated Care Board'],
    ).toMatch(/^£24,850,000\.00: .*\(National Health Service Act 2006, s\.3 and s\.75\)$/);
    expect(Object.keys(r.budget.cquin_eligible.trace?.inputs ?? {})).toContain(
      'NHS continuing healthcare from NHS Black Country Integrated Care Board',
    );
    expect(year?.flow_through?.trace?.parts.map((p) => [p.what, p.inputs.list_size])).toEqual([
      ['AW Surgeries (M87009): £191,996.75', '17,202'],
      ['The Waterfront Surgery (M87010): £91,399.92', '8,189'],
    ]);
  });

  it('says what the £1,367,820.00 between the budget and the first WPAP is made of', () => {
    const steps = report(example).budget_to_wpap;
    expect(steps.budget.pounds).toBe('£167,780,000.00');
    expect(steps.steps.map((s) => [s.what, s.amount.pounds])).toEqual([
      [
        'scope change from 1 October 2026 to the end of the year: Community falls service joins the contract',
        '£1,820,000.00',
      ],
      ['CQUIN money held at risk until earned', '-£1,089,820.00'],
      [
        'money held at risk on the local indicator "Fewer avoidable emergency admissions" until earned',
        '-£848,000.00',
      ],
      ['paid on activity instead: Vaccinations and immunisations paid per dose', '-£1,250,000.00'],
    ]);
    expect(steps.wpap.pounds).toBe('£166,412,180.00');
  });
});
