/**
 * Ids that stay unique when the synthetic data sets of several ICBs are put together.
 *
 * Native person ids carry the ICB code: `SYN-QUA-00000001`. OMOP wants 32-bit integers (the
 * CDM v5.4 DDL), so each ICB's people get their own range from the number in its ONS code
 * (E54000062, NHS Black Country, is 62): person, observation period, location and care site
 * ids are 62 × 10⁷ + n (no ICB has ten million people, and 99 × 10⁷ is below 2³¹). Condition,
 * visit and cost ids run from 1 in each ICB's extract: a full-size ICB has tens of millions of
 * visits, more than any fixed 32-bit share could hold, so putting OMOP extracts together means
 * numbering those again (their person ids need no change). FHIR ids are text, so Encounter and
 * Condition ids start with the ICB code (`QUA-e1`). A data set no ICB made keeps plain ids.
 */
export const personIdDigits = 8;

export function personIdPrefix(icb: string): string {
  return `SYN-${icb}-`;
}

const icbRange = 10_000_000;

/** How a writer numbers the records of one data set. */
export interface RecordIds {
  /** The OMOP id of the n-th person (also its observation period), location or care site (n from 1). */
  omop(n: number): number;
  /** Put before FHIR Encounter and Condition ids. */
  fhirPrefix: string;
}

/** Record ids for a data set from its manifest's ICB and the ICB's ONS code. */
export function recordIds(manifest: { icb?: string; icbOnsCode?: string }): RecordIds {
  const number = /^E54(\d{6})$/.exec(manifest.icbOnsCode ?? '')?.[1];
  const icb = number === undefined ? 0 : Number(number);
  return {
    omop: (n) => {
      if (icb > 0 && n >= icbRange)
        throw new Error(`more than ${icbRange - 1} people in ICB ${manifest.icb}`);
      return icb * icbRange + n;
    },
    fhirPrefix: manifest.icb ? `${manifest.icb}-` : '',
  };
}
