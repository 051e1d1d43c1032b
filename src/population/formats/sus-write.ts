import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Condition, Setting } from '../model.ts';
import type { CodeList } from './code-list.ts';
import { poundsText } from './fields.ts';
import { hospitalSettings, type SusFile, susFiles, susOptional, unknownDiagnosis } from './sus.ts';
import { csvField, csvRows } from './text-input.ts';
import { LineWriter } from './text-output.ts';

const fileOfSetting: Partial<Record<Setting, SusFile>> = {
  elective: 'apc',
  emergency: 'apc',
  ae: 'ae',
  outpatient: 'op',
};

/**
 * Writes a native data set in the SUS-style layout, the inverse of sus-read.ts: persons and
 * conditions as they are, hospital events as apc.csv, ae.csv and op.csv, the rest as
 * events.csv. Each hospital row gives R69X as its primary diagnosis and, as secondary
 * diagnoses, the ICD-10 codes of the person's conditions already diagnosed by then (as
 * hospital records note comorbidities), so reading it back finds the same conditions, and
 * the person's ethnic category.
 */
export async function writeSus(native: string, out: string, codeList: CodeList): Promise<string[]> {
  copyFileSync(join(native, 'persons.csv'), join(out, 'persons.csv'));
  copyFileSync(join(native, 'conditions.csv'), join(out, 'conditions.csv'));
  const known = new Map<string, { icd10: string; onset: string }[]>();
  for await (const row of csvRows(join(native, 'conditions.csv'), ['person_id', 'condition', 'onset_date'])) {
    const icd10 = codeList.example(row.get('condition') as Condition).icd10;
    if (!icd10) continue;
    const list = known.get(row.get('person_id')) ?? [];
    list.push({ icd10, onset: row.get('onset_date') });
    known.set(row.get('person_id'), list);
  }
  const ethnicity = new Map<string, string>();
  for await (const row of csvRows(join(native, 'persons.csv'), ['person_id'], ['ethnicity'])) {
    if (row.get('ethnicity')) ethnicity.set(row.get('person_id'), row.get('ethnicity'));
  }
  const writers = Object.fromEntries(
    (Object.keys(susFiles) as SusFile[]).map((f) => [
      f,
      new LineWriter(join(out, `${f}.csv`), [...susFiles[f].required, ...susOptional].join(',')),
    ]),
  ) as Record<SusFile, LineWriter>;
  const others = new LineWriter(join(out, 'events.csv'), 'person_id,event_date,setting,cost_pence');
  for await (const row of csvRows(join(native, 'events.csv'), [
    'person_id',
    'event_date',
    'setting',
    'cost_pence',
  ])) {
    const setting = row.get('setting') as Setting;
    const person = row.get('person_id');
    const date = row.get('event_date');
    const file = fileOfSetting[setting];
    if (!file || !hospitalSettings.includes(setting)) {
      others.line(`${csvField(person)},${date},${setting},${row.get('cost_pence')}`);
      continue;
    }
    const middle = file === 'apc' ? [setting === 'elective' ? '11' : '21'] : file === 'op' ? ['5'] : [];
    const secondary = (known.get(person) ?? []).filter((c) => c.onset <= date).map((c) => c.icd10);
    writers[file].line(
      [
        csvField(person),
        date,
        ...middle,
        unknownDiagnosis,
        secondary.join(';'),
        poundsText(Number(row.get('cost_pence'))),
        csvField(ethnicity.get(person) ?? ''),
      ].join(','),
    );
  }
  others.close();
  return [
    ...Object.values(writers).map((w) => (w.close(), w.path)),
    others.path,
    join(out, 'persons.csv'),
    join(out, 'conditions.csv'),
  ];
}
