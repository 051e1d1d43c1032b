import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import { type SiiDecile, slopeIndex } from './slope-index.ts';

/** Deciles whose values lie on value = 70 + 10 × ridit, where the ridit is worked out over `populations`. */
function onLine(populations: readonly number[], hasValue: (decile: number) => boolean): SiiDecile[] {
  const total = populations.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  return populations.map((population, i) => {
    const x = (cumulative + population / 2) / total;
    cumulative += population;
    return { decile: i + 1, population, value: hasValue(i + 1) ? 70 + 10 * x : null };
  });
}

describe('slope index of inequality', () => {
  it('recovers the slope of values lying on a straight line in the ridit', () => {
    const sii = slopeIndex(onLine(new Array(10).fill(100), () => true));
    expect(sii.value).toBeCloseTo(10, 10);
    expect(sii.decilesUsed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sii.note).toBeNull();
  });

  it('keeps every decile with people on the ridit scale when some have no figure', () => {
    // Deciles 7–10 have people but no figure (say, a life table that cannot close). Fitting only
    // deciles 1–6 spread over the whole scale would give 10 × 6400 / 6000 ≈ 10.67, not 10.
    const deciles = onLine([1000, 1000, 1000, 1000, 1000, 1000, 100, 100, 100, 100], (d) => d <= 6);
    const sii = slopeIndex(deciles);
    expect(sii.value).toBeCloseTo(10, 10);
    expect(sii.decilesWithPeople).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sii.decilesUsed).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sii.note).toMatch(/deciles 7, 8, 9, 10 have no figure/);
  });

  it('spans only the deciles with people, and says which have nobody', () => {
    const deciles = onLine([500, 400, 300, 200, 100, 100, 0, 0, 0, 0], (d) => d <= 6);
    const sii = slopeIndex(deciles);
    expect(sii.value).toBeCloseTo(10, 10);
    expect(sii.note).toMatch(/deciles 7, 8, 9, 10 have nobody/);
  });

  it('is withheld with its reason when too few deciles have a figure or they hold too few people', () => {
    const few = slopeIndex(onLine(new Array(10).fill(100), (d) => d <= 4));
    expect(few.value).toBeNull();
    expect(few.note).toMatch(/only 4 of the deciles/);
    const thin = slopeIndex(onLine([10, 10, 10, 10, 10, 1000, 1000, 0, 0, 0], (d) => d <= 5));
    expect(thin.value).toBeNull();
    expect(thin.note).toMatch(/hold only 2% of the people/);
  });

  it('weights by population', () => {
    // Five deciles at 0 and five at 1, but the first five hold 4/5 of the people.
    const deciles = [400, 400, 400, 400, 400, 100, 100, 100, 100, 100].map((population, i) => ({
      decile: i + 1,
      population,
      value: i < 5 ? 0 : 1,
    }));
    const equal = slopeIndex(deciles.map((d) => ({ ...d, population: 100 })));
    expect(slopeIndex(deciles).value).not.toBeCloseTo(equal.value as number, 3);
  });

  it('gives the 95% interval PHE’s simulation converges to, widening with the standard errors', () => {
    const base = onLine(new Array(10).fill(1000), () => true);
    const exact = slopeIndex(base.map((d) => ({ ...d, standardError: 0 })));
    expect(exact.lower95).toBeCloseTo(10, 10);
    expect(exact.upper95).toBeCloseTo(10, 10);
    const noisy = slopeIndex(base.map((d) => ({ ...d, standardError: 0.5 })));
    const wider = slopeIndex(base.map((d) => ({ ...d, standardError: 1 })));
    expect(noisy.lower95).toBeLessThan(10);
    expect(noisy.upper95).toBeGreaterThan(10);
    expect((wider.upper95 as number) - (wider.lower95 as number)).toBeGreaterThan(
      (noisy.upper95 as number) - (noisy.lower95 as number),
    );
    // Against a simulation as PHE's tool runs it (values drawn from normals, line refitted).
    const random = new Random(7);
    const normal = () =>
      Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next());
    const slopes = Array.from(
      { length: 4_000 },
      () =>
        slopeIndex(base.map((d) => ({ ...d, value: (d.value as number) + 0.5 * normal() }))).value as number,
    );
    const mean = slopes.reduce((a, b) => a + b, 0) / slopes.length;
    const sd = Math.sqrt(slopes.reduce((a, b) => a + (b - mean) ** 2, 0) / (slopes.length - 1));
    const half = ((noisy.upper95 as number) - (noisy.lower95 as number)) / 2;
    expect(Math.abs(1.96 * sd - half) / half).toBeLessThan(0.05);
    expect(mean).toBeCloseTo(10, 1);
    // Without standard errors there is no interval.
    expect(slopeIndex(base).lower95).toBeNull();
  });
});

/**
 * OHID's worked examples for the SII: the test data of OHID's (formerly PHE's) PHEindicatormethods
 * R package (ukhsa-collaboration/PHEindicatormethods, tests/testthat/testdata_SII.xlsx, sheet
 * testdata_SII: records 1–20, "default (e.g. life expectancy) - default parameters", and records
 * 71–80, "rate (e.g. infant mortality) - default parameters"; expected sii, sii_lowercl_1 and
 * sii_uppercl_1 on each area's first record). The package's tests take these expected values from
 * PHE's SII Excel tool (tests/testthat/testSII.R) and compare its own limits with them to a
 * tolerance, because both limits come from a simulation of 100,000 draws.
 *
 * The SII itself is a weighted least-squares fit and is reproduced exactly. Concordat's interval
 * is the one that simulation converges to (see confidenceInterval), so it can match the published
 * limits only to within the simulation's own noise: the standard error of a simulated 2.5th or
 * 97.5th centile of a normal with standard deviation σ over n draws is
 * √(0.025 × 0.975 / n) ÷ φ(1.96) × σ (about 0.0084σ for n = 100,000), and the test allows three.
 */
describe('slope index of inequality (OHID worked examples)', () => {
  const draws = 100_000;
  const simulationError = (sii: { lower95: number | null; upper95: number | null }) => {
    const sigma = ((sii.upper95 as number) - (sii.lower95 as number)) / (2 * 1.96);
    const density = Math.exp(-(1.959963984540054 ** 2) / 2) / Math.sqrt(2 * Math.PI);
    return (Math.sqrt((0.025 * 0.975) / draws) / density) * sigma;
  };
  const deciles = (rows: readonly (readonly [number, number, number])[]): SiiDecile[] =>
    rows.map(([population, value, standardError], i) => ({
      decile: i + 1,
      population,
      value,
      standardError,
    }));

  it.each([
    {
      area: 'area1',
      rows: [
        [7291, 75.9334590103081, 1.638472426358545],
        [7997, 78.3442382727843, 1.578192884542907],
        [6105, 83.8360631041654, 1.5134355059640296],
        [7666, 83.6375399664931, 1.7754906175801293],
        [5790, 80.4655031529559, 1.7013390591981388],
        [6934, 81.1156759857022, 1.56412107376755],
        [5918, 81.6930835718562, 1.3681148366878566],
        [5974, 84.1900062060987, 1.4001418005940802],
        [7147, 80.5955641081472, 2.4328463975781616],
        [7534, 86.2894349578624, 1.5665181695934678],
      ],
      published: [6.934616473668819, 3.127594617650817, 10.7586873680794],
    },
    {
      area: 'area2',
      rows: [
        [21675, 70.54853186, 0.22959183673469533],
        [20065, 71.57155734, 0.2598068010204095],
        [19750, 72.48698671, 0.2992380841836735],
        [24713, 73.51985519, 0.16075122704081746],
        [20112, 73.14605425, 0.7918228954081618],
        [19618, 76.15898712, 0.7783196122448984],
        [22408, 78.65444871, 0.39937532908163315],
        [19752, 80.56476961, 0.2793955076530606],
        [18939, 80.85486627, 0.22959183673469533],
        [19312, 79.9711253, 0.3517537500000029],
      ],
      published: [12.547846636351798, 11.936156426792138, 13.163020132396579],
    },
  ] as const)('reproduces the life-expectancy SII of $area', ({ rows, published }) => {
    const [value, lower, upper] = published;
    const sii = slopeIndex(deciles(rows));
    expect(sii.value).toBeCloseTo(value, 9);
    const allowed = 3 * simulationError(sii);
    expect(Math.abs((sii.lower95 as number) - lower)).toBeLessThan(allowed);
    expect(Math.abs((sii.upper95 as number) - upper)).toBeLessThan(allowed);
  });

  it('reproduces a rate’s SII, and its interval from standard errors on the rate’s own scale', () => {
    // PHE's tool draws each decile's log rate from a normal (the sheet's StandardError is of the
    // log rate) and takes the exponential before refitting; Concordat draws the rate itself, with
    // the rate's standard error (Dobson's or Poisson's). Given rate × SE(log rate), the delta
    // method's standard error of the rate, the two intervals differ by the skew of the log-normal,
    // which here is within the simulation's noise. Deciles whose rates are less precise would
    // show more of it.
    const rows = [
      [279012, 5.892219689475721, 0.02458749781093432],
      [255993, 4.7345044591063035, 0.028651772387909245],
      [236961, 3.827634083245766, 0.03313428067829554],
      [214315, 3.8681380211371112, 0.03465674221781768],
      [192812, 3.6771570234217785, 0.03747737394554521],
      [183546, 3.1436261209723995, 0.041552591866051265],
      [168593, 3.1258711808912585, 0.04347834474318538],
      [164822, 2.942568346458604, 0.045324801522114426],
      [154836, 2.82879950399132, 0.04769567606225466],
      [138165, 2.7648101907140012, 0.05107105401330555],
    ] as const;
    const sii = slopeIndex(deciles(rows.map(([n, rate, seLog]) => [n, rate, rate * seLog] as const)));
    expect(sii.value).toBeCloseTo(-3.2752012326471758, 9);
    const allowed = 3 * simulationError(sii);
    expect(Math.abs((sii.lower95 as number) - -3.5868233016744155)).toBeLessThan(allowed);
    expect(Math.abs((sii.upper95 as number) - -2.9653170017272723)).toBeLessThan(allowed);
  });
});
