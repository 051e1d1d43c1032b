import { join } from 'node:path';
import type { TableName } from './model.ts';
import { type ParquetColumn, ParquetWriter, type PlainStrings } from './parquet-writer.ts';
import { IdBytes } from './synth-csv.ts';
import type { SynthLabels, SynthSink } from './synth-sink.ts';

/**
 * The native tables written straight to Parquet, with no CSV between: rows go into Int32
 * columns and every so many rows become a row group (parquet-writer.ts). Text is stored as
 * dictionaries — person ids over the serials of the row group, codes over the reference's
 * lists — so no string is made a row. Nulls are where the CSV has empty fields: no practice,
 * open registrations and the living's death date.
 */
export const parquetColumns = (labels: SynthLabels): Record<TableName, ParquetColumn[]> => {
  const text = (name: string, list: readonly string[], optional = false): ParquetColumn => ({
    name,
    kind: { type: 'text', labels: list },
    optional,
  });
  const int = (name: string): ParquetColumn => ({ name, kind: { type: 'int32' }, optional: false });
  const date = (name: string, optional = false): ParquetColumn => ({
    name,
    kind: { type: 'date' },
    optional,
  });
  // Person ids: each row group has its own dictionary, of the people in it (personIds).
  const id = text('person_id', []);
  return {
    persons: [
      id,
      int('birth_year'),
      int('birth_month'),
      text('sex', ['M', 'F']),
      text('practice_code', labels.practices, true),
      date('registered_from', true),
      date('registered_to', true),
      text('lsoa', labels.areas),
      int('imd_decile'),
      date('death_date', true),
      text('ethnicity', labels.ethnicities),
    ],
    conditions: [id, text('condition', labels.conditions), date('onset_date')],
    events: [id, date('event_date'), text('setting', labels.settings), int('cost_pence')],
  };
};

/** One table's rows not yet written, a column an Int32Array (column 0 the person's serial). */
class Table {
  readonly values: Int32Array[];
  rows = 0;
  readonly writer: ParquetWriter;

  constructor(
    path: string,
    columns: ParquetColumn[],
    readonly capacity: number,
    private readonly labels: SynthLabels,
  ) {
    this.values = columns.map(() => new Int32Array(capacity));
    this.writer = new ParquetWriter(path, columns);
  }

  /** Counts the row just filled in, writing a row group once the columns are full. */
  added(): void {
    if (++this.rows === this.capacity) this.flush();
  }

  /** Writes the rows held as a row group. */
  flush(): void {
    const rows = this.rows;
    if (rows === 0) return;
    // The dictionary holds the ids of the people in this row group, in the order they come
    // (rows are in serial order); each row's index is its person's place in it.
    const serials = this.values[0] as Int32Array;
    const people = new Int32Array(rows);
    let count = 0;
    for (let r = 0; r < rows; r++) {
      const serial = serials[r] as number;
      if (count === 0 || people[count - 1] !== serial) people[count++] = serial;
      serials[r] = count - 1;
    }
    const ids = personIds(this.labels, people.subarray(0, count));
    this.writer.rowGroup(rows, this.values, [ids]);
    this.rows = 0;
  }

  close(): string {
    this.flush();
    this.writer.close();
    return this.writer.path;
  }
}

/** The ids of these serials (prefix and zero-padded serial), PLAIN-encoded. */
function personIds(labels: SynthLabels, serials: Int32Array): PlainStrings {
  const ids = new IdBytes(labels.idPrefix, labels.idDigits);
  const width = labels.idPrefix.length + labels.idDigits;
  const bytes = new Uint8Array(serials.length * (4 + width));
  const view = new DataView(bytes.buffer);
  for (let k = 0, at = 0; k < serials.length; k++, at += 4 + width) {
    view.setUint32(at, width, true);
    bytes.set(ids.bytes(serials[k] as number), at + 4);
  }
  return { count: serials.length, bytes };
}

/** Rows a row group holds by default. */
const defaultRowGroup = 1 << 17;

/** The native tables as Parquet files in `dir`. A date of 0 or a practice of −1 is written as null. */
export class ParquetSink implements SynthSink {
  private readonly persons: Table;
  private readonly conditions: Table;
  private readonly events: Table;

  constructor(
    dir: string,
    labels: SynthLabels,
    columnsOf: (table: TableName) => readonly string[],
    rowGroup = defaultRowGroup,
  ) {
    const columns = parquetColumns(labels);
    const table = (name: TableName) => {
      const names = columns[name].map((c) => c.name).join(',');
      if (names !== columnsOf(name).join(','))
        throw new Error(`Parquet columns of ${name} (${names}) are not the data model's`);
      return new Table(join(dir, `${name}.parquet`), columns[name], rowGroup, labels);
    };
    this.persons = table('persons');
    this.conditions = table('conditions');
    this.events = table('events');
  }

  readonly rows = { conditions: 0, events: 0 };

  person(
    serial: number,
    birthYear: number,
    birthMonth: number,
    female: number,
    practice: number,
    registeredFrom: number,
    registeredTo: number,
    area: number,
    decile: number,
    deathDay: number,
    ethnicity: number,
  ): void {
    const t = this.persons;
    const v = t.values;
    const r = t.rows;
    (v[0] as Int32Array)[r] = serial;
    (v[1] as Int32Array)[r] = birthYear;
    (v[2] as Int32Array)[r] = birthMonth;
    (v[3] as Int32Array)[r] = female;
    (v[4] as Int32Array)[r] = practice;
    (v[5] as Int32Array)[r] = practice >= 0 ? registeredFrom : 0;
    (v[6] as Int32Array)[r] = practice >= 0 ? registeredTo : 0;
    (v[7] as Int32Array)[r] = area;
    (v[8] as Int32Array)[r] = decile;
    (v[9] as Int32Array)[r] = deathDay;
    (v[10] as Int32Array)[r] = ethnicity;
    t.added();
  }

  condition(serial: number, condition: number, onset: number): void {
    const t = this.conditions;
    const v = t.values;
    const r = t.rows;
    (v[0] as Int32Array)[r] = serial;
    (v[1] as Int32Array)[r] = condition;
    (v[2] as Int32Array)[r] = onset;
    this.rows.conditions++;
    t.added();
  }

  event(serial: number, day: number, setting: number, costPence: number): void {
    const t = this.events;
    const v = t.values;
    const r = t.rows;
    (v[0] as Int32Array)[r] = serial;
    (v[1] as Int32Array)[r] = day;
    (v[2] as Int32Array)[r] = setting;
    (v[3] as Int32Array)[r] = costPence;
    this.rows.events++;
    t.added();
  }

  close(): string[] {
    return [this.persons.close(), this.conditions.close(), this.events.close()];
  }
}
