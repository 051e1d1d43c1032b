import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from './engines/duckdb.ts';
import { ingest } from './ingest.ts';
import { defaultSuppression, noSuppression } from './suppress.ts';
import { fixtureServed, writeFixture } from './test-fixture.ts';
import { activityYear, completeYears, coverageOf, trends } from './trends.ts';

describe('trends by financial year', () => {
  it('takes only the financial years the data covers from 1 April to 31 March', () => {
    expect(completeYears({ from: '2024-08-01', to: '2026-07-31' })).toEqual([2025]);
    expect(completeYears({ from: '2022-04-01', to: '2025-03-31' })).toEqual([2022, 2023, 2024]);
    expect(completeYears({ from: '2024-04-02', to: '2025-03-31' })).toEqual([]);
    expect(completeYears(null)).toEqual([]);
    expect(coverageOf([20240801, 20260731])).toEqual({ from: '2024-08-01', to: '2026-07-31' });
    expect(coverageOf([null, null])).toBeNull();
    expect(coverageOf([0, 0])).toBeNull(); // ClickHouse's min of nothing
  });

  it('counts the fixture’s admissions and attendances in the years they fell in', async () => {
    const dir = writeFixture();
    const engine = await DuckDbEngine.open();
    try {
      await ingest(engine, dir);
      const t = await trends(engine, fixtureServed, noSuppression);
      // Events run from 1 January 2023 to 1 January 2026: 2023/24 and 2024/25 are whole.
      expect(t.activityCovers).toEqual({ from: '2023-01-01', to: '2026-01-01' });
      expect(t.activity.map((y) => [y.year, y.people, y.emergencyAdmissions, y.aeAttendances])).toEqual([
        ['2023/24', 6, 0, 0],
        ['2024/25', 6, 1, 2], // P2's admission and attendance in March 2025, P5's in October 2024
      ]);
      // One death (P7, January 2025) covers no whole year.
      expect(t.prematureMortality).toEqual([]);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('withholds a year’s rates from fewer than 10 events and works A&E out from the published counts', () => {
    // 1,003 people aged 1–4 (life-table band 1) on 1 October; 9 admissions and 402 attendances.
    const population = [[1, 1003]];
    const few = activityYear(2025, [[2025, 1, 9, 402]], population, defaultSuppression);
    expect(few.emergencyPer1000Standardised).toBeNull();
    expect(few.emergencyAdmissions).toBe(10);
    expect(few.people).toBe(1005);
    expect(few.aePer1000).toBe(398.01); // published counts: 400 × 1,000 ÷ 1,005
    expect(few.aeLower95).toBeLessThan(few.aePer1000 as number);
    const many = activityYear(2025, [[2025, 1, 30, 5]], population, defaultSuppression);
    expect(many.emergencyPer1000Standardised).not.toBeNull();
    expect(many.aePer1000).toBeNull();
  });
});
