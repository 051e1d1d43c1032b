import { describe, expect, it } from 'vitest';
import { areaUnderCurve, riskCells, riskFromCells } from './risk.ts';
import { noSuppression } from './suppress.ts';

describe('risk score discrimination', () => {
  it("reproduces Hanley and McNeil's worked example (Radiology 1982, table 1): area 0.893", () => {
    // 109 CT images rated 1 (definitely normal) to 5 (definitely abnormal).
    const normal = [33, 6, 6, 11, 2];
    const abnormal = [3, 2, 2, 11, 33];
    const auc = areaUnderCurve(
      normal.map((n, i) => ({ score: i + 1, negatives: n, positives: abnormal[i] as number })),
    );
    expect(auc).toBeCloseTo(0.893, 3);
  });

  it('is 1 for a perfect score, 0.5 for a useless one, and absent without both outcomes', () => {
    expect(
      areaUnderCurve([
        { score: 0, positives: 0, negatives: 10 },
        { score: 5, positives: 4, negatives: 0 },
      ]),
    ).toBe(1);
    expect(
      areaUnderCurve([
        { score: 0, positives: 3, negatives: 7 },
        { score: 5, positives: 3, negatives: 7 },
      ]),
    ).toBe(0.5);
    expect(areaUnderCurve([{ score: 1, positives: 0, negatives: 10 }])).toBeNull();
  });

  it('gives the positive predictive value and sensitivity of the top cohort', () => {
    // points, persons, admissions next year, people admitted, cost next year
    const cells = riskCells([
      [0, 900, 20, 20, 0],
      [5, 60, 30, 25, 0],
      [12, 40, 40, 30, 0],
    ]);
    const risk = riskFromCells(cells, 4, noSuppression);
    expect(risk.topCohort.minimumPoints).toBe(12);
    expect(risk.discrimination.ppvTopPercent).toBe(75); // 30 of 40
    expect(risk.discrimination.sensitivityTopPercent).toBe(40); // 30 of 75 admitted
    expect(risk.discrimination.auc).toBeGreaterThan(0.5);
  });
});
