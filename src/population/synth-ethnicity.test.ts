import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ethnicGroupOf } from './ethnic-category.ts';
import {
  byLaFile,
  EthnicityDraws,
  readCensusByLa,
  readCensusShares,
  residentsOf,
  syntheticEthnicity,
} from './synth-ethnicity.ts';

/** Shares of each group among `n` people drawn by `code(i)`. */
function shares(n: number, code: (i: number) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const group = ethnicGroupOf(code(i));
    counts.set(group, (counts.get(group) ?? 0) + 1 / n);
  }
  return counts;
}

describe('synthetic ethnicity', () => {
  it("is the same for the same id and seed, and follows England's Census 2021 shares where the authority is not known", () => {
    expect(syntheticEthnicity('QUA-123', 7)).toBe(syntheticEthnicity('QUA-123', 7));
    const got = shares(40_000, (i) => syntheticEthnicity(`P${i}`, 1));
    // England, Census 2021: White 81.0%, Asian 9.6%, Black 4.2%, Mixed 3.0%, Other 2.2%.
    expect(got.get('white')).toBeCloseTo(0.81, 2);
    expect(got.get('asian')).toBeCloseTo(0.096, 2);
    expect(got.get('unknown')).toBeUndefined();
    expect(got.size).toBe(5);
  });

  it('follows the shares of the local authority, Sandwell and Dudley as the census counts them', () => {
    // Census 2021 TS021: Sandwell 88,024 Asian and 195,624 White of 341,832 (25.8% and 57.2%);
    // Dudley 27,047 and 274,596 of 323,488 (8.4% and 84.9%).
    expect(residentsOf('E08000028')).toEqual([88_024, 29_779, 14_680, 195_624, 13_725]);
    const n = 40_000;
    const sandwell = shares(n, (i) => syntheticEthnicity(`P${i}`, 1, 'E08000028'));
    const dudley = shares(n, (i) => syntheticEthnicity(`P${i}`, 1, 'E08000027'));
    // Stated tolerance: four binomial standard errors.
    const within = (got: number | undefined, p: number) =>
      expect(Math.abs((got ?? 0) - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    within(sandwell.get('asian'), 88_024 / 341_832);
    within(sandwell.get('white'), 195_624 / 341_832);
    within(sandwell.get('black'), 29_779 / 341_832);
    within(dudley.get('asian'), 27_047 / 323_488);
    within(dudley.get('white'), 274_596 / 323_488);
  });

  it("takes a merged district's successor, and England's shares for an authority the census file lacks", () => {
    expect(residentsOf('E07000004')).toEqual(residentsOf('E06000060')); // Aylesbury Vale → Buckinghamshire
    expect(residentsOf('E07000154')).toEqual(residentsOf('E06000062')); // Northampton → West Northamptonshire
    expect(residentsOf('W06000015')).toEqual([5_426_392, 2_381_724, 1_669_378, 45_783_401, 1_229_153]);
  });

  it('draws the same code from a serial and area as from the id written', () => {
    const draws = new EthnicityDraws('SYN-QUA-', 8, 5, ['E08000028', 'E08000027', 'Z99']);
    for (const serial of [1, 9, 10, 12_345, 99_999_999]) {
      const id = `SYN-QUA-${String(serial).padStart(8, '0')}`;
      ['E08000028', 'E08000027', 'Z99'].forEach((la, area) => {
        expect(draws.codeOf(serial, area)).toBe(syntheticEthnicity(id, 5, la));
      });
    }
  });

  it('ships every English local authority of the 2021 census, adding up to England', () => {
    const las = readCensusByLa(
      readFileSync(new URL(`../../data/reference/${byLaFile}`, import.meta.url), 'utf8'),
    );
    expect(las.size).toBe(309);
    const total = [...las.values()].reduce((sum, la) => sum + la.residents.reduce((a, b) => a + b, 0), 0);
    // The five groups' counts by authority add up to within 20 of England's 56,490,048.
    expect(Math.abs(total - 56_490_048)).toBeLessThan(20);
    expect(las.get('E06000023')?.name).toBe('Bristol, City of');
  });

  it('refuses a census table whose group or count is wrong, naming the line', () => {
    expect(() => readCensusShares('ons_2021_group,usual_residents\nwhite,10\nnordic,3\n')).toThrow(/line 3/);
    const head = 'la_code,la_name,asian,black,mixed,white,other\n';
    expect(() => readCensusByLa(`${head}E08000028,Sandwell,1,2,3,4\n`)).toThrow(/line 2.*each of/);
    expect(() => readCensusByLa(`${head}E08000028,Sandwell,1,2,3,4,5\nX1,Nowhere,1,2,3,4,5\n`)).toThrow(
      /line 3.*local authority code/,
    );
    expect(() => readCensusByLa('code,name\n')).toThrow(/header/);
  });
});
