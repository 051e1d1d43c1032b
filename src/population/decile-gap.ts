import { round } from './disclosure.ts';

/**
 * The plain gap between the most deprived decile (IMD decile 1) and the least deprived (10),
 * shown beside each slope index of inequality so a reader can see both ends, not only the
 * fitted line. Worked out from the figures the report publishes for the two deciles, so it
 * discloses nothing they do not. The absolute gap runs the same way as the SII (least deprived
 * minus most deprived); the relative gap is the most deprived ÷ the least deprived, as OHID's
 * inequality ratios are read ("1.5 times as high in the most deprived tenth").
 */
export interface DecileGap {
  mostDeprived: number | null;
  leastDeprived: number | null;
  /** Decile 10 minus decile 1. */
  absolute: number | null;
  /** Decile 1 ÷ decile 10. */
  relative: number | null;
  /** Why there is no gap, when there is none. */
  note: string | null;
}

/** The gap from the published value of each decile (null where a decile has no figure). */
export function decileGap(values: readonly { decile: number; value: number | null }[]): DecileGap {
  const of = (decile: number) => values.find((v) => v.decile === decile)?.value ?? null;
  const mostDeprived = of(1);
  const leastDeprived = of(10);
  const missing = [mostDeprived === null ? 1 : null, leastDeprived === null ? 10 : null].filter(
    (d) => d !== null,
  );
  if (mostDeprived === null || leastDeprived === null) {
    return {
      mostDeprived,
      leastDeprived,
      absolute: null,
      relative: null,
      note: `no figure for ${missing.length === 2 ? 'deciles 1 and 10' : `decile ${missing[0]}`}`,
    };
  }
  return {
    mostDeprived,
    leastDeprived,
    absolute: round(leastDeprived - mostDeprived, 2),
    relative: leastDeprived === 0 ? null : round(mostDeprived / leastDeprived, 2),
    note: leastDeprived === 0 ? 'no ratio: decile 10 is zero' : null,
  };
}
