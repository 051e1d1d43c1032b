/**
 * Where a synthetic ICB's registered patients live. Each practice draws its patients from the
 * LSOAs of its local authority, most strongly from those as deprived as the practice (its IMD
 * score's national decile); on its own that piles people into the deciles of the most deprived
 * practices. So one factor per IMD decile, common to every practice, is fitted by iterative
 * proportional fitting (raking) until the people expected in each decile are the ICB's share:
 * the share of its LSOAs in that decile, LSOAs standing in for population as data/nhs has no
 * LSOA populations (LSOAs were drawn to hold about 1,500 people each). Each practice keeps its
 * own lean within that.
 */
export interface PracticeAreas {
  /** The practice's LSOAs' deciles, 1–10. */
  deciles: ArrayLike<number>;
  /** How strongly each LSOA draws the practice's patients. */
  pull: ArrayLike<number>;
  /** The practice's patients. */
  people: number;
}

/** Share of the ICB's LSOAs in each decile (index 0 = decile 1). */
export function decileShares(deciles: Iterable<number>): Float64Array {
  const shares = new Float64Array(10);
  let n = 0;
  for (const d of deciles) {
    shares[d - 1] = (shares[d - 1] as number) + 1;
    n++;
  }
  return shares.map((s) => s / n);
}

/** The decile factors (index 0 = decile 1) that bring the practices' people to `target` shares. */
export function fitDecileFactors(practices: readonly PracticeAreas[], target: Float64Array): Float64Array {
  // Each practice's pull summed by decile: the fit works on this practices × 10 table.
  const table = practices.map((p) => {
    const row = new Float64Array(10);
    for (let i = 0; i < p.pull.length; i++) {
      const d = (p.deciles[i] as number) - 1;
      row[d] = (row[d] as number) + (p.pull[i] as number);
    }
    return row;
  });
  const total = practices.reduce((sum, p) => sum + p.people, 0);
  const factors = new Float64Array(10).fill(1);
  const expected = new Float64Array(10);
  for (let round = 0; round < 200; round++) {
    expected.fill(0);
    table.forEach((row, p) => {
      let sum = 0;
      for (let d = 0; d < 10; d++) sum += (row[d] as number) * (factors[d] as number);
      if (sum === 0) return;
      const people = (practices[p] as PracticeAreas).people / sum;
      for (let d = 0; d < 10; d++)
        expected[d] = (expected[d] as number) + people * (row[d] as number) * (factors[d] as number);
    });
    let worst = 0;
    for (let d = 0; d < 10; d++) {
      const want = (target[d] as number) * total;
      const got = expected[d] as number;
      if (got > 0) factors[d] = (factors[d] as number) * (want / got);
      worst = Math.max(worst, Math.abs(got - want) / Math.max(1, total));
    }
    if (worst < 1e-9) break;
  }
  return factors;
}

/** A practice's pull with the decile factors applied (its own pull if they leave it none). */
export function calibratedPull(p: PracticeAreas, factors: Float64Array): Float64Array {
  const out = Float64Array.from(p.pull, (w, i) => w * (factors[(p.deciles[i] as number) - 1] as number));
  return out.some((w) => w > 0) ? out : Float64Array.from(p.pull);
}
