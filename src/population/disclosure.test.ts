import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelBased, perPublishedHead, publishedRate } from './disclosure.ts';
import { expectedPrevalenceFromRows } from './expected-prevalence.ts';
import { decileRates, prematureMortality } from './inequalities.ts';
import { settings } from './model.ts';
import { multimorbidityScoreFromRows, scoreBands } from './multimorbidity-score.ts';
import { needsFromRows } from './needs.ts';
import { fiveYearBands, type ProfileCell, profileFromRows } from './profile.ts';
import { riskCells, riskFromCells } from './risk.ts';
import { segmentsFromRows } from './segments.ts';
import { defaultSuppression, type SafeCount, suppress } from './suppress.ts';
import { activityYear } from './trends.ts';

const policy = defaultSuppression;

/** Counts of every size a table holds: zeros, suppressed, just above the limit, large. */
const count = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 7 }),
  fc.integer({ min: 8, max: 60 }),
  fc.nat(200_000),
);

/** Another count that publishes the same as `n` (same suppressed or rounded value). */
const sameClass = (n: number) => {
  if (n === 0) return fc.constant(0);
  if (n <= policy.suppressUpTo) return fc.integer({ min: 1, max: policy.suppressUpTo });
  const shown = suppress(n, policy) as number;
  return fc.integer({ min: Math.max(policy.suppressUpTo + 1, shown - 2), max: shown + 2 });
};

/**
 * The claim checked over generated tables: a rate published beside its published denominator
 * implies a numerator that is itself a publishable count (0, or a multiple of 5 from 10 up), so
 * no rate reveals a count of 1–7 or an exact count.
 */
function impliesPublishedCount(rate: number | null, persons: SafeCount, per: number): boolean {
  if (rate === null) return true;
  if (persons === null) return false;
  const implied = (rate * persons) / per;
  // A rate shown to two places pins its numerator down only to within this; some publishable
  // count must lie inside it.
  const tolerance = (0.005 * persons) / per + 1e-6;
  const step = policy.roundTo;
  for (
    let k = Math.max(0, Math.ceil((implied - tolerance) / step) * step);
    k <= implied + tolerance;
    k += step
  )
    if (k === 0 || k > policy.suppressUpTo) return true;
  return false;
}

const segmentRow = fc.tuple(count, count, count, fc.nat(10_000_000), count);
const segmentTable = fc.array(segmentRow, { minLength: 9, maxLength: 9 });
const segmentRows = (t: [number, number, number, number, number][]) =>
  t.map(([persons, em, ae, cost, ltc], i) => [i + 1, persons, em, ae, cost, ltc]);

const profileRow = fc.record({
  band: fc.integer({ min: 0, max: 18 }),
  sex: fc.constantFrom('F', 'M'),
  decile: fc.integer({ min: 1, max: 10 }),
  persons: count,
  events: fc.array(count, { minLength: settings.length, maxLength: settings.length }),
  cost: fc.nat(10_000_000),
  multimorbid: count,
});
const profileTable = fc
  .array(profileRow, { maxLength: 40 })
  .map((rows) =>
    profileFromRows(
      rows.map((r) => [r.band, r.sex, r.decile, r.persons, ...r.events, r.cost, r.multimorbid, 0, 0]),
    ),
  );
const england = {
  ageSexShare: { F: new Array(19).fill(0.025), M: new Array(19).fill(0.025) },
  prevalence: {},
  registers: {},
};

describe('disclosure control of population outputs', () => {
  it('works a rate out from the published counts: the security review’s 41 of 58 shows as 40 of 60', () => {
    expect(publishedRate(41, 58, 1000, policy)).toBe(666.67);
    expect(publishedRate(5, 58, 1000, policy)).toBeNull();
    expect(publishedRate(41, 5, 1000, policy)).toBeNull();
    expect(perPublishedHead(123_456, 58, policy)).toBe(Math.round(123_456 / 60));
  });

  it('gives the same rate for any counts that publish the same', () => {
    fc.assert(
      fc.property(
        count.chain((n) => fc.tuple(fc.constant(n), sameClass(n))),
        count.chain((d) => fc.tuple(fc.constant(d), sameClass(d))),
        ([n, n2], [d, d2]) =>
          publishedRate(n, d, 1000, policy) === publishedRate(n2, d2, 1000, policy) &&
          perPublishedHead(999_999, d, policy) === perPublishedHead(999_999, d2, policy),
      ),
    );
  });

  it('withholds a model-based figure for a small group or fewer than 10 events, and rounds it to one place', () => {
    expect(modelBased(123.456, 5, 20, policy)).toBeNull();
    expect(modelBased(123.456, 500, 9, policy)).toBeNull();
    expect(modelBased(123.456, 500, 10, policy)).toBe(123.5);
  });

  it('never lets a segment’s rates reveal a count, and ignores changes the published counts do not show', () => {
    fc.assert(
      fc.property(
        segmentTable.chain((t) =>
          fc.tuple(
            fc.constant(t),
            fc.tuple(
              ...t.map((row) => fc.tuple(...row.map((n, i) => (i === 3 ? fc.constant(n) : sameClass(n))))),
            ),
          ),
        ),
        ([table, twin]) => {
          const out = segmentsFromRows(segmentRows(table), policy);
          for (const s of out) {
            expect(impliesPublishedCount(s.emergencyAdmissionsPer1000, s.persons, 1000)).toBe(true);
            expect(impliesPublishedCount(s.aePer1000, s.persons, 1000)).toBe(true);
            expect(impliesPublishedCount(s.averageConditions, s.persons, 1)).toBe(true);
          }
          const total = (t: number[][]) =>
            suppress(
              t.reduce((a, r) => a + (r[0] as number), 0),
              policy,
            );
          fc.pre(total(table) === total(twin));
          expect(segmentsFromRows(segmentRows(twin as typeof table), policy)).toEqual(out);
        },
      ),
    );
  });

  it('never lets a risk group’s rates reveal a count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(20), count, count, count, fc.nat(10_000_000)), { maxLength: 20 }),
        (rows) => {
          const unique = [...new Map(rows.map((r) => [r[0], r])).values()];
          const risk = riskFromCells(riskCells(unique), 5, policy);
          for (const g of [...risk.bands, risk.topCohort.group, ...risk.calibration]) {
            expect(impliesPublishedCount(g.admittedPer1000, g.persons, 1000)).toBe(true);
            expect(impliesPublishedCount(g.emergencyAdmissionsPer1000, g.persons, 1000)).toBe(true);
          }
        },
      ),
    );
  });

  it('never lets the needs assessment or the decile rates reveal a count', () => {
    fc.assert(
      fc.property(
        profileTable,
        fc.array(fc.tuple(fc.constantFrom('AST', 'DM', 'HYP'), count), { maxLength: 3 }),
        (cells: ProfileCell[], prevalence) => {
          const needs = needsFromRows(
            cells,
            prevalence,
            [
              [0, 12],
              [1, 3],
            ],
            england,
            policy,
          );
          for (const row of [...needs.utilisationByAge, ...needs.utilisationByDeprivation, needs.total]) {
            for (const s of settings)
              expect(impliesPublishedCount(row.per1000[s], row.persons, 1000)).toBe(true);
          }
          expect(needs.utilisationByAge.map((r) => r.group)).toEqual(fiveYearBands);
          const { byDecile } = decileRates(cells, policy);
          for (const d of byDecile) {
            expect(impliesPublishedCount(d.emergencyAdmissionsPer1000, d.persons, 1000)).toBe(true);
            expect(impliesPublishedCount(d.aePer1000, d.persons, 1000)).toBe(true);
            expect(impliesPublishedCount(d.multimorbidPercent, d.persons, 100)).toBe(true);
            if (d.persons === null) expect(d.emergencyAdmissionsPer1000Standardised).toBeNull();
          }
        },
      ),
    );
  });

  it('never lets the multimorbidity score’s bands reveal a count, and ignores changes the published counts do not show', () => {
    const bandTable = fc.array(count, { minLength: scoreBands.length, maxLength: scoreBands.length });
    // One score per band (its lower bound), so a count per band.
    const rows = (t: number[]) => t.map((n, i) => [scoreBands[i]?.from as number, n]);
    fc.assert(
      fc.property(
        bandTable.chain((t) => fc.tuple(fc.constant(t), fc.tuple(...t.map(sameClass)))),
        ([table, twin]) => {
          const out = multimorbidityScoreFromRows(rows(table), policy);
          for (const b of out.bands) expect(impliesPublishedCount(b.percent, out.adults, 100)).toBe(true);
          const total = (t: number[]) =>
            suppress(
              t.reduce((a, n) => a + n, 0),
              policy,
            );
          fc.pre(total(table) === total(twin));
          expect(multimorbidityScoreFromRows(rows(twin), policy).bands).toEqual(out.bands);
        },
      ),
    );
  });

  it('works expected prevalence out from a published count of people, and no ratio from under 10 observed', () => {
    const registers = { DM: { rate: 0.07, fromAge: 17 }, HYP: { rate: 0.14, fromAge: 0 } };
    fc.assert(
      fc.property(count, count, count, count, (children, adults, diabetes, hypertension) => {
        const out = expectedPrevalenceFromRows(
          [
            ['DM', 40, diabetes],
            ['HYP', 40, hypertension],
          ],
          [
            [5, children],
            [40, adults],
          ],
          { ...england, registers },
          policy,
        );
        for (const row of out.rows) {
          const { rate } = registers[row.condition as keyof typeof registers];
          if (row.expected !== null) {
            const people = row.expected / rate;
            const nearest = Math.round(people / policy.roundTo) * policy.roundTo;
            expect(nearest === 0 || nearest > policy.suppressUpTo).toBe(true);
            expect(Math.abs(people - nearest)).toBeLessThanOrEqual(0.05 / rate + 1e-6);
          }
          const observed = row.condition === 'DM' ? diabetes : hypertension;
          if (row.ratio !== null) expect(observed).toBeGreaterThanOrEqual(10);
        }
      }),
    );
  });

  it('never lets a year’s A&E rate reveal a count, and withholds standardised rates from under 10 events', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), count), { maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), count, count), { maxLength: 20 }),
        (population, activity) => {
          const year = activityYear(
            2025,
            activity.map(([band, em, ae]) => [2025, band, em, ae]),
            population,
            policy,
          );
          expect(impliesPublishedCount(year.aePer1000, year.people, 1000)).toBe(true);
          const emergency = activity.reduce((a, [, em]) => a + em, 0);
          if (emergency < 10) expect(year.emergencyPer1000Standardised).toBeNull();
          const deaths = new Array(20).fill(0);
          const people = new Array(20).fill(0);
          for (const [band, em] of activity) deaths[band] += em;
          for (const [band, n] of population) people[band] += n;
          const underSeventyFive = deaths.slice(0, 16).reduce((a, b) => a + b, 0);
          if (underSeventyFive < 10)
            expect(prematureMortality(deaths, people, 1, policy).per100000).toBeNull();
        },
      ),
    );
  });
});
