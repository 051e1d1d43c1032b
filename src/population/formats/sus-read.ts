import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInput } from '../../core/errors.ts';
import { ethnicCategoryHint, nationalEthnicCode } from '../ethnic-category.ts';
import { datasetFile } from '../ingest.ts';
import { type Condition, conditionCodes, type Setting, settings } from '../model.ts';
import { icd10Pattern, normaliseIcd10 } from './code-list.ts';
import {
  admissionHint,
  admissionLeftOutNote,
  admissionOf,
  dateHint,
  dateOf,
  penceOf,
  wholeNumberOf,
} from './fields.ts';
import { costOrAverage } from './native-output.ts';
import type { ReadContext, Reader } from './read-context.ts';
import {
  attended,
  hospitalSettings,
  notAttended,
  type SusColumn,
  type SusFile,
  susFiles,
  susOptional,
} from './sus.ts';
import { type CsvRow, csvRows } from './text-input.ts';

/**
 * Reads a SUS-style folder (sus.ts): persons as Concordat's own persons file (checked by the
 * native ingest, so its refusals name it directly); apc.csv, ae.csv and op.csv become
 * elective and emergency admissions, A&E attendances and attended outpatient appointments,
 * and their ICD-10 diagnoses become conditions through the code list (the earliest
 * diagnosis is the onset); conditions.csv and events.csv, when present, add GP-recorded
 * conditions and events in the settings SUS does not cover.
 */
export const readSus: Reader = async (dir, context) => {
  const personsFile = datasetFile(dir, 'persons');
  if (personsFile.endsWith('.parquet')) {
    throw new InvalidInput(
      personsFile,
      'is Parquet',
      'A SUS-style folder takes persons.csv or persons.csv.gz.',
    );
  }
  const persons = new Set<string>();
  for await (const row of csvRows(personsFile, ['person_id'])) persons.add(row.get('person_id'));
  context.step('persons');
  for (const file of Object.keys(susFiles) as SusFile[]) {
    const path = csvIn(dir, file);
    if (path) await readSusFile(path, file, context, persons);
    context.step(file);
  }
  const conditions = csvIn(dir, 'conditions');
  if (conditions) await readNativeConditions(conditions, context, persons);
  const events = csvIn(dir, 'events');
  if (events) await readNativeEvents(events, context, persons);
  const files = await context.out.finish(context.engine);
  return { ...files, persons: personsFile };
};

function csvIn(dir: string, stem: string): string | undefined {
  return [`${stem}.csv`, `${stem}.csv.gz`].map((f) => join(dir, f)).find((p) => existsSync(p));
}

function checkPerson<C extends string>(row: CsvRow<C>, column: C, persons: ReadonlySet<string>): string {
  const id = row.get(column);
  if (!persons.has(id))
    row.refuse(column, 'is not in the persons file', 'Every row must belong to a person in persons.');
  return id;
}

async function readSusFile(
  path: string,
  file: SusFile,
  { out, codeList, notes }: ReadContext,
  persons: ReadonlySet<string>,
) {
  const spec = susFiles[file];
  for await (const row of csvRows<SusColumn>(path, spec.required, [
    ...susOptional,
    'admission_method',
    'attendance',
  ])) {
    const person = checkPerson(row, 'person_id', persons);
    const date = row.must(dateOf(row.get(spec.date)), spec.date, 'is not a date', dateHint);
    const primary = row.get('primary_diagnosis');
    if (primary !== '' && !icd10Pattern.test(normaliseIcd10(primary)))
      row.refuse('primary_diagnosis', 'is not an ICD-10 code');
    const secondary = row
      .get('secondary_diagnoses')
      .split(/[\s;,|]+/)
      .filter(Boolean);
    for (const written of secondary) {
      if (!icd10Pattern.test(normaliseIcd10(written))) {
        row.refuse(
          'secondary_diagnoses',
          `holds '${written}', which is not an ICD-10 code`,
          'Separate codes with semicolons.',
        );
      }
    }
    for (const written of [primary, ...secondary].filter(Boolean)) {
      for (const condition of codeList.fromIcd10(normaliseIcd10(written)))
        out.condition(person, condition, date);
    }
    if (nationalEthnicCode(row.get('ethnic_category')) === undefined)
      row.refuse('ethnic_category', 'is not an NHS ethnic category code', ethnicCategoryHint);
    let setting: Setting | 'left out';
    if (file === 'apc') {
      setting = row.must(
        admissionOf(row.get('admission_method')),
        'admission_method',
        'is not an NHS admission method',
        admissionHint,
      );
      if (setting === 'left out') notes.add(admissionLeftOutNote);
    } else if (file === 'ae') setting = 'ae';
    else {
      const attendance = row.get('attendance');
      if (!attended.includes(attendance) && !notAttended.includes(attendance)) {
        row.refuse(
          'attendance',
          'is not an NHS attended or did not attend code',
          'Use 5 or 6 for attended; 2, 3, 4, 7 or 0 otherwise.',
        );
      }
      setting = attended.includes(attendance) ? 'outpatient' : 'left out';
      if (setting === 'left out') notes.add('outpatient appointments not attended were left out');
    }
    if (setting === 'left out') continue;
    const cost =
      row.get('cost') === ''
        ? undefined
        : row.must(penceOf(row.get('cost')), 'cost', 'is not an amount of pounds 0 or more');
    out.event(person, date, setting, costOrAverage(setting, cost, notes));
  }
}

async function readNativeConditions(path: string, { out }: ReadContext, persons: ReadonlySet<string>) {
  for await (const row of csvRows(path, ['person_id', 'condition', 'onset_date'])) {
    const person = checkPerson(row, 'person_id', persons);
    const condition = row.get('condition') as Condition;
    if (!conditionCodes.includes(condition))
      row.refuse(
        'condition',
        'is not a known condition',
        `Use a QOF register code: ${conditionCodes.join(', ')}.`,
      );
    out.condition(
      person,
      condition,
      row.must(dateOf(row.get('onset_date')), 'onset_date', 'is not a date', dateHint),
    );
  }
}

async function readNativeEvents(path: string, { out }: ReadContext, persons: ReadonlySet<string>) {
  for await (const row of csvRows(path, ['person_id', 'event_date', 'setting', 'cost_pence'])) {
    const person = checkPerson(row, 'person_id', persons);
    const date = row.must(dateOf(row.get('event_date')), 'event_date', 'is not a date', dateHint);
    const setting = row.get('setting') as Setting;
    if (!settings.includes(setting))
      row.refuse('setting', 'is not a known setting', `Use one of ${settings.join(', ')}.`);
    if (hospitalSettings.includes(setting)) {
      row.refuse(
        'setting',
        'comes from apc.csv, ae.csv or op.csv in a SUS-style folder',
        'Keep only GP, community and social care events in events.csv.',
      );
    }
    const cost = row.must(
      wholeNumberOf(row.get('cost_pence'), 0, Number.MAX_SAFE_INTEGER),
      'cost_pence',
      'is not a whole number of pence 0 or more',
    );
    out.event(person, date, setting, cost);
  }
}
