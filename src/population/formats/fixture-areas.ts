import { fixturePersons, writeFixture } from '../test-fixture.ts';

/**
 * The test fixture's LSOAs are made up (E01009004 is no 2011 LSOA) and its deciles chosen by
 * hand. OMOP and FHIR carry only the LSOA, and Concordat looks its decile up, so for tests of
 * those formats each person lives in a real Dudley LSOA whose IMD 2019 decile is the one the
 * fixture gives them.
 */
export const fixtureRealAreas: Record<string, string> = {
  P1: 'E01009733', // decile 1
  P2: 'E01009725', // decile 2
  P3: 'E01009724', // decile 9
  P4: 'E01009724', // decile 9
  P5: 'E01009743', // decile 1
  P6: 'E01009719', // decile 5
  P7: 'E01009733', // decile 1
};

/** Writes the fixture with those LSOAs into a new folder and returns it. */
export function writeFixtureInRealAreas(): string {
  const persons = fixturePersons.map((line, i) => {
    if (i === 0) return line;
    const fields = line.split(',');
    fields[7] = fixtureRealAreas[fields[0] as string] as string;
    return fields.join(',');
  });
  return writeFixture({ persons });
}
