import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence } from '../core/money.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { parseDecimal, parsePercent, ratio } from '../money/rate.ts';
import {
  cquinAtRisk,
  earned,
  flowThrough,
  flowThroughFigure,
  moneyAtRisk,
  qofPayment,
  qofPoints,
} from './incentives.ts';
import { asCount, asPence, asRate, yearParameter } from './parameters.ts';

const rulebook = loadRulebook();

function qof2022(points: number, listSize: number, prevalence: string) {
  const ppp = yearParameter(rulebook, 'money.qof.pound-per-point', '2022/23', 'qof');
  const avg = yearParameter(rulebook, 'money.qof.national-average-list', '2022/23', 'qof');
  const dp = yearParameter(rulebook, 'money.qof.list-index-decimals', '2022/23', 'qof');
  return qofPayment({
    points: ratio(points),
    poundPerPoint: { pence: asPence(ppp), parameter: ppp },
    listSize,
    nationalAverageList: { count: asCount(avg), parameter: avg },
    listIndexDecimals: { places: asCount(dp), parameter: dp },
    prevalenceFactor: parseDecimal(prevalence),
  });
}

describe('QOF', () => {
  it('reproduces the published 2022/23 worked example: 29 points → £14,924.71', () => {
    const paid = qof2022(29, 16000, '1.45');
    expect(paid.amount).toBe(1492471);
    expect(paid.trace.inputs.list_index).toBe('1.71');
    expect(paid.trace.parameters.map((p) => p.id)).toContain('money.qof.pound-per-point');
  });

  it('scores points between the thresholds in straight-line proportion', () => {
    const x = {
      id: 'AF006',
      points_available: 12,
      lower: parsePercent('40'),
      upper: parsePercent('70'),
      exceptions: 10,
    };
    expect(qofPoints({ ...x, numerator: 30, denominator: 110 })).toEqual(ratio(0));
    expect(qofPoints({ ...x, numerator: 55, denominator: 110 })).toEqual(ratio(6));
    expect(qofPoints({ ...x, numerator: 90, denominator: 110 })).toEqual(ratio(12));
    expect(() => qofPoints({ ...x, numerator: 200, denominator: 110 }, 'qof[0]')).toThrow(
      /qof\[0\]\.numerator/,
    );
  });

  it('refuses a year with no £ per point, naming the field', () => {
    expect(() => yearParameter(rulebook, 'money.qof.pound-per-point', '2030/31', 'payment.qof')).toThrow(
      /payment\.qof: the rulebook has no value of 'money\.qof\.pound-per-point'.* for 2030\/31/,
    );
  });
});

describe('CQUIN and local indicators', () => {
  it('puts 2.5% of eligible value at risk in 2018/19 and earns by weighted, partial achievement', () => {
    const p = yearParameter(rulebook, 'money.cquin.rate', '2018/19', 'cquin');
    const atRisk = cquinAtRisk(pence(100_000_000_00), asRate(p));
    expect(atRisk).toBe(2_500_000_00);
    const got = earned(
      atRisk,
      [
        { id: 'a', weight: 1, achievement: parsePercent('100') },
        { id: 'b', weight: 1, achievement: parsePercent('50') },
        { id: 'c', weight: 2, achievement: parsePercent('0') },
      ],
      'cquin.indicators',
    );
    expect(got.total).toBe(625_000_00 + 312_500_00);
    expect(got.shares).toEqual([625_000_00, 625_000_00, 1_250_000_00]);
    expect(() =>
      earned(atRisk, [{ id: 'x', weight: 1, achievement: parsePercent('120') }], 'cquin.indicators'),
    ).toThrow(/cquin\.indicators\[0\]\.achievement/);
  });

  it('never earns more than is at risk', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.array(fc.record({ w: fc.integer({ min: 1, max: 100 }), a: fc.integer({ min: 0, max: 100 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (amount, xs) => {
          const e = earned(
            pence(amount),
            xs.map((x, i) => ({ id: String(i), weight: x.w, achievement: ratio(x.a, 100) })),
            'x',
          ).total;
          return e >= 0 && e <= amount && (xs.every((x) => x.a === 100) ? e === amount : true);
        },
      ),
    );
  });

  it('flags national assurance when local indicators add money at risk (seed 001 para 45)', () => {
    expect(moneyAtRisk(pence(100), pence(0)).national_assurance_needed).toBe(false);
    const r = moneyAtRisk(pence(100), pence(1));
    expect(r.national_assurance_needed).toBe(true);
    expect(r.total).toBe(101);
  });

  it('flows an agreed share through to practices by list size, to the penny', () => {
    const practices = [
      { ods: 'M87005', list_size: 2 },
      { ods: 'M87006', list_size: 1 },
    ];
    const f = flowThrough(
      pence(100001),
      parsePercent('50'),
      practices.map((p) => p.list_size),
      'flow',
    );
    expect(f.total).toBe(50001);
    expect(f.parts).toEqual([33334, 16667]);
    const explained = flowThroughFigure(pence(100001), parsePercent('50'), practices, f);
    expect(explained.trace.parts.map((p) => p.what)).toEqual([
      'practice M87005: £333.34',
      'practice M87006: £166.67',
    ]);
  });
});
