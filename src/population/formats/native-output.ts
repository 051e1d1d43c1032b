import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lsoaDeprivation, practiceMap } from '../../system/reference-tables.ts';
import type { DuckDbEngine } from '../engines/duckdb.ts';
import { type Condition, personColumns, type Setting, type TableName } from '../model.ts';
import { unitCostPence } from '../synth-model.ts';
import { csvField } from './text-input.ts';
import { LineWriter } from './text-output.ts';

/**
 * What every reader writes: Concordat's own three tables as CSV in a scratch folder, which
 * the native ingest then loads unchanged. Conditions arrive once per diagnosis record and
 * are reduced here to one row per person and condition with the earliest date.
 */
export class NativeOutput {
  readonly dir = mkdtempSync(join(tmpdir(), 'concordat-read-'));
  readonly persons = new LineWriter(join(this.dir, 'persons.csv'), personColumns.join(','));
  readonly events = new LineWriter(join(this.dir, 'events.csv'), 'person_id,event_date,setting,cost_pence');
  private readonly diagnoses = new LineWriter(
    join(this.dir, 'diagnoses.csv'),
    'person_id,condition,onset_date',
  );

  person(values: Record<(typeof personColumns)[number], string | number>): void {
    this.persons.line(personColumns.map((c) => csvField(values[c])).join(','));
  }
  event(personId: string, date: string, setting: Setting, costPence: number): void {
    this.events.line(`${csvField(personId)},${date},${setting},${costPence}`);
  }
  condition(personId: string, condition: Condition, date: string): void {
    this.diagnoses.line(`${csvField(personId)},${condition},${date}`);
  }
  /** A scratch file for a reader's own intermediate rows. */
  scratch(name: string, header: string): LineWriter {
    return new LineWriter(join(this.dir, name), header);
  }

  /** Closes the files and returns the native tables' paths. */
  async finish(engine: DuckDbEngine): Promise<Record<TableName, string>> {
    for (const w of [this.persons, this.events, this.diagnoses]) w.close();
    const conditions = join(this.dir, 'conditions.csv');
    await engine.run(
      `COPY (SELECT person_id, condition, min(onset_date) AS onset_date
         FROM read_csv(${sqlString(this.diagnoses.path)}, header = true,
           columns = {'person_id': 'VARCHAR', 'condition': 'VARCHAR', 'onset_date': 'VARCHAR'})
         GROUP BY person_id, condition ORDER BY person_id, condition)
       TO ${sqlString(conditions)} (HEADER, DELIMITER ',')`,
    );
    return { persons: this.persons.path, conditions, events: this.events.path };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Counts of things a reader did that the user should know about, said once each. */
export class Notes {
  private readonly counts = new Map<string, number>();
  add(what: string, times = 1): void {
    if (times > 0) this.counts.set(what, (this.counts.get(what) ?? 0) + times);
  }
  list(): string[] {
    return [...this.counts].map(([what, n]) => `${n.toLocaleString('en-GB')} ${what}`);
  }
}

export const unmatchedNote = 'condition records matched no condition in the code list and were left out';
export const uncostedNote = 'events had no cost and were costed at the national average for their setting';

/**
 * The cost of an event in pence: the one given, or the national average unit cost for the
 * setting (National Cost Collection 2023/24, rounded, as in synth-model.ts) when none is.
 */
export function costOrAverage(setting: Setting, given: number | undefined, notes: Notes): number {
  if (given !== undefined) return given;
  notes.add(uncostedNote);
  return unitCostPence[setting];
}

/** Reference data the readers check against: GP practices, and LSOAs with their IMD decile. */
export interface Reference {
  practices: ReadonlySet<string>;
  lsoaDeciles: ReadonlyMap<string, number>;
}

let reference: Reference | undefined;

export function loadReference(): Reference {
  reference ??= {
    practices: new Set(practiceMap().map((p) => p.practice)),
    lsoaDeciles: new Map(lsoaDeprivation().map((l) => [l.lsoa, l.decile])),
  };
  return reference;
}
