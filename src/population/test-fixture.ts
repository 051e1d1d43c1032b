import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small hand-made data set whose answers can be worked out by hand, for tests. Two Black
 * Country practices (M87001, M87003). Analysis date 2025-08-01.
 */
export const fixturePersons = [
  'person_id,birth_year,birth_month,sex,practice_code,registered_from,registered_to,lsoa,imd_decile,death_date,ethnicity',
  // 90-year-old woman with dementia and heart failure, palliative: segment 1.
  'P1,1935,3,F,M87001,2000-01-01,,E01009001,1,,A',
  // 70-year-old man with COPD and an emergency admission: segment 3; 1+1+3+1 = 6 points. No ethnicity recorded.
  'P2,1955,1,M,M87001,2010-05-01,,E01009002,2,,',
  // 30-year-old woman, healthy: segment 9, 0 points.
  'P3,1995,6,F,M87003,2020-01-01,,E01009003,9,,H',
  // Infant boy: segment 7.
  'P4,2025,2,M,M87003,2025-03-01,,E01009003,9,,Z',
  // Unregistered resident, A&E twice: segment 8, 2 points.
  'P5,1990,1,M,,,,E01009004,1,,N',
  // Moved away before the date: not served.
  'P6,1980,1,F,M87003,2001-01-01,2024-12-31,E01009003,5,,99',
  // Died before the date: not served, but a death for the life table.
  'P7,1940,1,M,M87001,1990-01-01,2025-01-10,E01009001,1,2025-01-10,CA',
];
export const fixtureConditions = [
  'person_id,condition,onset_date',
  'P1,DEM,2020-01-01',
  'P1,HF,2018-06-01',
  'P1,PC,2025-06-01',
  'P2,COPD,2015-01-01',
  // Onset after the date: does not count.
  'P3,AST,2025-09-01',
];
export const fixtureEvents = [
  'person_id,event_date,setting,cost_pence',
  'P1,2025-02-01,gp,4200',
  'P1,2025-09-01,emergency,400000',
  'P2,2025-03-01,emergency,350000',
  'P2,2025-03-01,ae,20000',
  'P2,2026-01-01,emergency,300000',
  'P5,2024-10-01,ae,21000',
  'P5,2025-07-31,ae,22000',
  // Outside both windows.
  'P3,2023-01-01,gp,4000',
];

export function writeFixture(
  overrides: Partial<Record<'persons' | 'conditions' | 'events', string[]>> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'concordat-population-'));
  writeFileSync(join(dir, 'persons.csv'), `${(overrides.persons ?? fixturePersons).join('\n')}\n`);
  writeFileSync(join(dir, 'conditions.csv'), `${(overrides.conditions ?? fixtureConditions).join('\n')}\n`);
  writeFileSync(join(dir, 'events.csv'), `${(overrides.events ?? fixtureEvents).join('\n')}\n`);
  return dir;
}

export const fixtureServed = { practices: ['M87001', 'M87003'] };
export const fixtureDate = '2025-08-01';

/** `concordat analyse` options for the fixture: its practices and date, with no suppression, so its five people are counted. */
export const fixtureAnalyseOptions = [
  '--practices',
  fixtureServed.practices.join(','),
  '--on',
  fixtureDate,
  '--suppress-up-to',
  '0',
  '--round-to',
  '1',
];
