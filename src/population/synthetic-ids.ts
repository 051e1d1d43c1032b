/**
 * Ids that stay unique when the synthetic data sets of several ICBs are put together.
 *
 * Native person ids carry the ICB code: `SYN-QUA-00000001`. OMOP wants integers, so each ICB
 * gets its own ranges from the number in its ONS code (E54000062, NHS Black Country, is 62):
 * person, observation period, location and care site ids are 62 × 10⁷ + n, which stays within
 * the 32-bit integer the CDM's DDL declares (no ICB has ten million people); condition, visit
 * and cost ids are 62 × 10¹⁰ + n (a 64-bit bigint, as an ICB has tens of millions of visits).
 * FHIR Encounter and Condition ids start with the ICB code (`QUA-e1`). A data set with no ICB
 * (not made by `synth`) keeps plain ids from 1.
 */
export const personIdDigits = 8;

export function personIdPrefix(icb: string): string {
  return `SYN-${icb}-`;
}

const smallRange = 10_000_000;
const largeRange = 10_000_000_000;

/** How a writer numbers the records of one data set. */
export interface RecordIds {
  /** The OMOP id of the n-th person, location or care site (n from 1). */
  omopSmall(n: number): number;
  /** The OMOP id of the n-th condition, visit or cost (n from 1). */
  omopLarge(n: number): number;
  /** Put before FHIR Encounter and Condition ids. */
  fhirPrefix: string;
}

/** Record ids for a data set from its manifest's ICB and the ICB's ONS code. */
export function recordIds(manifest: { icb?: string; icbOnsCode?: string }): RecordIds {
  const number = /^E54(\d{6})$/.exec(manifest.icbOnsCode ?? '')?.[1];
  const icb = number === undefined ? 0 : Number(number);
  const ranged = (range: number) => (n: number) => {
    if (icb > 0 && n >= range)
      throw new Error(`more than ${range - 1} records of one kind for ICB ${manifest.icb}`);
    return icb * range + n;
  };
  return {
    omopSmall: ranged(smallRange),
    omopLarge: ranged(largeRange),
    fhirPrefix: manifest.icb ? `${manifest.icb}-` : '',
  };
}
