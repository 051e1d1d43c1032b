import { join } from 'node:path';
import { type Condition, type Setting, settings, syntheticLabel } from '../model.ts';
import { unitCostPence } from '../synth-model.ts';
import { icd10Pattern, normaliseIcd10 } from './code-list.ts';
import {
  admissionHint,
  admissionLeftOutNote,
  admissionOf,
  assumedBirthMonth,
  assumedBirthMonthNote,
  dateHint,
  dateOf,
  decileOf,
  lsoaHint,
  penceOf,
  practiceHint,
  wholeNumberOf,
} from './fields.ts';
import { sqlString, uncostedNote, unmatchedNote } from './native-output.ts';
import { gender, visitConcepts, visitsLeftOut } from './omop.ts';
import { type OmopSource, omopFolder } from './omop-source.ts';
import type { ReadContext, Reader } from './read-context.ts';
import { refuse } from './source-row.ts';
import { csvField } from './text-input.ts';

/**
 * Reads an OMOP CDM v5.4 extract — one CSV file per table in a folder — into Concordat's
 * tables, through readOmopFrom.
 */
export const readOmop: Reader = (dir, context) => readOmopFrom(omopFolder(dir), context);

/**
 * Reads an OMOP CDM v5.4 extract from a folder or a database into Concordat's tables. person
 * gives sex, year and month of birth, the GP practice (care_site_id → the care site's ODS
 * code in care_site_source_value) and where the person lives (location_id → the 2011 LSOA
 * code in location_source_value); the latest observation_period is the registration; death
 * gives the date of death; visit_occurrence gives events (see omop.ts for the settings),
 * costed from cost (domain Visit, total_cost in pounds) where present; condition_occurrence
 * gives conditions through the code list, from condition_source_value (a SNOMED CT id or an
 * ICD-10 code) or, when concept (the OMOP vocabulary) is there, from condition_concept_id and
 * condition_source_concept_id.
 */
export async function readOmopFrom(source: OmopSource, context: ReadContext) {
  const locations = await readLocations(source);
  const careSites = await readCareSites(source);
  const periods = await readObservationPeriods(source);
  const deaths = await readDeaths(source);
  context.step('care sites, locations, observation periods and deaths');
  const persons = await readPersons(source, context, { locations, careSites, periods, deaths });
  context.step('person');
  for (const [personId, where] of [...periods.entries(), ...deaths.entries()]) {
    if (!persons.has(personId)) {
      refuse(
        where.at,
        'person_id',
        personId,
        `is not in ${source.name('person')}`,
        'Every row must belong to a person.',
      );
    }
  }
  const concepts = await readConcepts(source, context);
  await readConditions(source, context, persons, concepts);
  context.step('condition_occurrence');
  const files = await context.out.finish(context.engine);
  return { ...files, events: await readVisits(source, context, persons, careSites) };
}

/**
 * Whether cdm_source says the data is synthetic, as `concordat synth --format omop` writes it
 * (its source_description is the synthetic label), for a source with no manifest.json.
 */
export async function omopSynthetic(source: OmopSource): Promise<boolean> {
  let synthetic = false;
  if (!source.has('cdm_source')) return synthetic;
  for await (const row of source.rows('cdm_source', ['source_description'])) {
    synthetic ||= row.get('source_description').includes(syntheticLabel);
  }
  return synthetic;
}

interface Located {
  at: string;
}

async function readLocations(source: OmopSource) {
  const locations = new Map<string, Located & { lsoa: string }>();
  if (!source.has('location')) return locations;
  for await (const row of source.rows('location', ['location_id', 'location_source_value'])) {
    locations.set(row.get('location_id'), { at: row.where(), lsoa: row.get('location_source_value') });
  }
  return locations;
}

async function readCareSites(source: OmopSource) {
  const sites = new Map<string, Located & { ods: string }>();
  if (!source.has('care_site')) return sites;
  for await (const row of source.rows('care_site', ['care_site_id', 'care_site_source_value'])) {
    sites.set(row.get('care_site_id'), {
      at: row.where(),
      ods: row.get('care_site_source_value').toUpperCase(),
    });
  }
  return sites;
}

/** Each person's latest observation period: Concordat models one registration a person. */
async function readObservationPeriods(source: OmopSource) {
  const periods = new Map<string, Located & { from: string; to: string }>();
  const columns = ['person_id', 'observation_period_start_date', 'observation_period_end_date'] as const;
  for await (const row of source.rows('observation_period', columns)) {
    const from = row.must(
      dateOf(row.get('observation_period_start_date')),
      'observation_period_start_date',
      'is not a date',
      dateHint,
    );
    const to = row.must(
      dateOf(row.get('observation_period_end_date')),
      'observation_period_end_date',
      'is not a date',
      dateHint,
    );
    if (to < from) row.refuse('observation_period_end_date', 'is before the start date');
    const personId = row.get('person_id');
    const earlier = periods.get(personId);
    if (!earlier || earlier.from < from) periods.set(personId, { at: row.where(), from, to });
  }
  return periods;
}

async function readDeaths(source: OmopSource) {
  const deaths = new Map<string, Located & { date: string }>();
  if (!source.has('death')) return deaths;
  for await (const row of source.rows('death', ['person_id', 'death_date'])) {
    const date = row.must(dateOf(row.get('death_date')), 'death_date', 'is not a date', dateHint);
    if (deaths.has(row.get('person_id')))
      row.refuse('person_id', 'has a second death record', 'One row per person.');
    deaths.set(row.get('person_id'), { at: row.where(), date });
  }
  return deaths;
}

async function readPersons(
  source: OmopSource,
  { out, reference, notes }: ReadContext,
  tables: {
    locations: Awaited<ReturnType<typeof readLocations>>;
    careSites: Awaited<ReturnType<typeof readCareSites>>;
    periods: Awaited<ReturnType<typeof readObservationPeriods>>;
    deaths: Awaited<ReturnType<typeof readDeaths>>;
  },
): Promise<Set<string>> {
  const persons = new Set<string>();
  const required = ['person_id', 'gender_concept_id', 'year_of_birth', 'location_id'] as const;
  for await (const row of source.rows('person', required, [
    'month_of_birth',
    'birth_datetime',
    'care_site_id',
  ] as const)) {
    const personId = row.get('person_id');
    if (personId === '') row.refuse('person_id', 'is empty', 'Every person needs an id.');
    if (persons.has(personId)) row.refuse('person_id', 'appears twice', 'One row per person.');
    persons.add(personId);
    const code = row.get('gender_concept_id');
    const sex = row.must(
      code === gender.M ? 'M' : code === gender.F ? 'F' : undefined,
      'gender_concept_id',
      'is not 8507 (male) or 8532 (female)',
      "Concordat's analyses are by sex, F or M.",
    );
    const birthYear = row.must(
      wholeNumberOf(row.get('year_of_birth'), 1880, 2100),
      'year_of_birth',
      'is not a year of birth',
      'Write the year as four digits.',
    );
    let birthMonth = wholeNumberOf(row.get('month_of_birth'), 1, 12);
    if (birthMonth === undefined && row.get('month_of_birth') !== '') {
      row.refuse('month_of_birth', 'is not a month 1–12');
    }
    birthMonth ??= dateOf(row.get('birth_datetime'))
      ? Number(row.get('birth_datetime').slice(5, 7))
      : undefined;
    if (birthMonth === undefined) notes.add(assumedBirthMonthNote);
    const location = row.must(
      tables.locations.get(row.get('location_id')),
      'location_id',
      row.get('location_id') === '' ? 'is empty' : `is not in ${source.name('location')}`,
      lsoaHint,
    );
    const decile = decileOf(reference, location.lsoa);
    if (decile === undefined) {
      refuse(
        location.at,
        'location_source_value',
        location.lsoa,
        'is not an English 2011 LSOA code',
        lsoaHint,
      );
    }
    let practice = '';
    let from = '';
    let to = '';
    if (row.get('care_site_id') !== '') {
      const site = row.must(
        tables.careSites.get(row.get('care_site_id')),
        'care_site_id',
        `is not in ${source.name('care_site')}`,
        'The care site is the GP practice.',
      );
      if (!reference.practices.has(site.ods)) {
        refuse(site.at, 'care_site_source_value', site.ods, 'is not a known GP practice', practiceHint);
      }
      const period = row.must(
        tables.periods.get(personId),
        'care_site_id',
        'is a GP practice but the person has no observation_period',
        'The observation period is the registration.',
      );
      practice = site.ods;
      from = period.from;
      to = period.to;
    }
    out.person({
      person_id: personId,
      birth_year: birthYear,
      birth_month: birthMonth ?? assumedBirthMonth,
      sex,
      practice_code: practice,
      registered_from: from,
      registered_to: to,
      lsoa: location.lsoa,
      imd_decile: decile,
      death_date: tables.deaths.get(personId)?.date ?? '',
    });
  }
  return persons;
}

/** Vocabulary concepts that stand for a condition: concept_id → conditions. */
async function readConcepts(
  source: OmopSource,
  { codeList }: ReadContext,
): Promise<Map<string, readonly Condition[]>> {
  const concepts = new Map<string, readonly Condition[]>();
  if (!source.has('concept')) return concepts;
  for await (const row of source.rows('concept', ['concept_id', 'vocabulary_id', 'concept_code'])) {
    const vocabulary = row.get('vocabulary_id');
    const found =
      vocabulary === 'SNOMED'
        ? codeList.fromSnomed(row.get('concept_code'))
        : vocabulary === 'ICD10' || vocabulary === 'ICD10CM'
          ? codeList.fromIcd10(normaliseIcd10(row.get('concept_code')))
          : [];
    if (found.length > 0) concepts.set(row.get('concept_id'), found);
  }
  return concepts;
}

/** The conditions a source value names: a SNOMED CT id (all digits) or an ICD-10 code. */
export function conditionsOfCode(codeList: ReadContext['codeList'], code: string): readonly Condition[] {
  if (/^\d+$/.test(code)) return codeList.fromSnomed(code);
  const icd = normaliseIcd10(code);
  return icd10Pattern.test(icd) ? codeList.fromIcd10(icd) : [];
}

async function readConditions(
  source: OmopSource,
  { out, codeList, notes }: ReadContext,
  persons: ReadonlySet<string>,
  concepts: ReadonlyMap<string, readonly Condition[]>,
): Promise<void> {
  const optional = ['condition_source_value', 'condition_concept_id', 'condition_source_concept_id'] as const;
  const required = ['person_id', 'condition_start_date'] as const;
  for await (const row of source.rows('condition_occurrence', required, optional)) {
    if (!persons.has(row.get('person_id'))) row.refuse('person_id', `is not in ${source.name('person')}`);
    const date = row.must(
      dateOf(row.get('condition_start_date')),
      'condition_start_date',
      'is not a date',
      dateHint,
    );
    const found = new Set([
      ...conditionsOfCode(codeList, row.get('condition_source_value')),
      ...(concepts.get(row.get('condition_concept_id')) ?? []),
      ...(concepts.get(row.get('condition_source_concept_id')) ?? []),
    ]);
    if (found.size === 0) notes.add(unmatchedNote);
    for (const condition of found) out.condition(row.get('person_id'), condition, date);
  }
}

/**
 * Visits become events, costed by joining cost (summed per visit) in DuckDB, since a visit
 * table can hold more rows than fit in memory as a lookup. Returns the events file.
 */
async function readVisits(
  source: OmopSource,
  { out, engine, reference, notes, step }: ReadContext,
  persons: ReadonlySet<string>,
  careSites: Awaited<ReturnType<typeof readCareSites>>,
): Promise<string> {
  const visits = out.scratch('visits.csv', 'line,key,visit_occurrence_id,person_id,event_date,setting');
  const required = ['visit_occurrence_id', 'person_id', 'visit_concept_id', 'visit_start_date'] as const;
  const optional = ['visit_source_value', 'care_site_id'] as const;
  for await (const row of source.rows('visit_occurrence', required, optional)) {
    if (wholeNumberOf(row.get('visit_occurrence_id'), 0, Number.MAX_SAFE_INTEGER) === undefined) {
      row.refuse('visit_occurrence_id', 'is not a whole number');
    }
    if (!persons.has(row.get('person_id'))) row.refuse('person_id', `is not in ${source.name('person')}`);
    const date = row.must(dateOf(row.get('visit_start_date')), 'visit_start_date', 'is not a date', dateHint);
    const concept = row.get('visit_concept_id');
    if (visitsLeftOut[concept]) {
      notes.add(`visits of a kind that is not a care setting (${visitsLeftOut[concept]}) were left out`);
      continue;
    }
    const atPractice = reference.practices.has(careSites.get(row.get('care_site_id'))?.ods ?? '');
    let setting: Setting | 'left out' | undefined;
    switch (concept) {
      case visitConcepts.inpatient:
        setting = row.must(
          admissionOf(row.get('visit_source_value')),
          'visit_source_value',
          'is not an NHS admission method',
          admissionHint,
        );
        break;
      case visitConcepts.emergencyRoomAndInpatient:
        setting = 'emergency';
        break;
      case visitConcepts.emergencyRoom:
        setting = 'ae';
        break;
      case visitConcepts.outpatient:
      case visitConcepts.telehealth:
      case visitConcepts.telehealthVirtual:
        setting = atPractice ? 'gp' : 'outpatient';
        break;
      case visitConcepts.office:
        setting = 'gp';
        break;
      case visitConcepts.home:
        setting = 'community';
        break;
      case visitConcepts.nonHospitalInstitution:
        setting = 'social_care';
        break;
    }
    setting = row.must(
      setting,
      'visit_concept_id',
      'is not a visit concept Concordat maps to a setting',
      `Use ${Object.values(visitConcepts).join(', ')} (see docs/population.md).`,
    );
    if (setting === 'left out') {
      notes.add(admissionLeftOutNote);
      continue;
    }
    visits.line(
      `${row.line},${csvField(row.key)},${row.get('visit_occurrence_id')},${row.get('person_id')},${date},${setting}`,
    );
  }
  visits.close();
  step('visit_occurrence');

  const costs = out.scratch('costs.csv', 'line,key,cost_event_id,pence');
  if (source.has('cost')) {
    for await (const row of source.rows('cost', ['cost_event_id', 'cost_domain_id', 'total_cost'])) {
      if (row.get('cost_domain_id') !== 'Visit' || row.get('total_cost') === '') continue;
      const pence = row.must(
        penceOf(row.get('total_cost')),
        'total_cost',
        'is not an amount of pounds 0 or more',
      );
      costs.line(`${row.line},${csvField(row.key)},${row.get('cost_event_id')},${pence}`);
    }
  }
  costs.close();
  return await joinCosts(engine, source, visits.path, costs.path, notes, out.dir);
}

async function joinCosts(
  engine: ReadContext['engine'],
  source: OmopSource,
  visits: string,
  costs: string,
  notes: ReadContext['notes'],
  dir: string,
): Promise<string> {
  const v = `read_csv(${sqlString(visits)}, header = true, columns = {'line': 'BIGINT', 'key': 'VARCHAR', 'visit_occurrence_id': 'VARCHAR', 'person_id': 'VARCHAR', 'event_date': 'VARCHAR', 'setting': 'VARCHAR'})`;
  const c = `read_csv(${sqlString(costs)}, header = true, columns = {'line': 'BIGINT', 'key': 'VARCHAR', 'cost_event_id': 'VARCHAR', 'pence': 'BIGINT'})`;
  const twice = await engine.query(
    `SELECT key, visit_occurrence_id FROM (SELECT line, key, visit_occurrence_id, row_number() OVER (PARTITION BY visit_occurrence_id ORDER BY line) AS n FROM ${v}) WHERE n > 1 ORDER BY line LIMIT 1`,
  );
  if (twice[0]) {
    refuse(
      source.at('visit_occurrence', String(twice[0][0])),
      'visit_occurrence_id',
      String(twice[0][1]),
      'appears twice',
    );
  }
  const orphan = await engine.query(
    `SELECT key, cost_event_id FROM ${c} WHERE cost_event_id NOT IN (SELECT visit_occurrence_id FROM ${v}) ORDER BY line LIMIT 1`,
  );
  if (orphan[0]) {
    refuse(
      source.at('cost', String(orphan[0][0])),
      'cost_event_id',
      String(orphan[0][1]),
      `is not a visit in ${source.name('visit_occurrence')}`,
    );
  }
  const average = `CASE v.setting ${settings.map((s) => `WHEN '${s}' THEN ${unitCostPence[s]}`).join(' ')} END`;
  const uncosted = await engine.query(
    `SELECT count(*) FROM ${v} v WHERE visit_occurrence_id NOT IN (SELECT cost_event_id FROM ${c})`,
  );
  notes.add(uncostedNote, Number(uncosted[0]?.[0] ?? 0));
  const events = join(dir, 'events-costed.csv');
  await engine.run(
    `COPY (SELECT v.person_id, v.event_date, v.setting, coalesce(k.pence, ${average}) AS cost_pence
       FROM ${v} v LEFT JOIN (SELECT cost_event_id, sum(pence) AS pence FROM ${c} GROUP BY cost_event_id) k
         ON k.cost_event_id = v.visit_occurrence_id
       ORDER BY v.line)
     TO ${sqlString(events)} (HEADER, DELIMITER ',')`,
  );
  return events;
}
