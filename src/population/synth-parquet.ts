import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ReadableStream } from 'node:stream/web';
import {
  type Data,
  DateDay,
  Dictionary,
  Field,
  Int32,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  type Vector,
} from 'apache-arrow';
import {
  Compression,
  EnabledStatistics,
  transformParquetStream,
  Table as WasmTable,
  WriterPropertiesBuilder,
} from 'parquet-wasm';
import type { SynthLabels, SynthSink } from './synth-sink.ts';

/**
 * The native tables written straight to Parquet, with no CSV between: rows go into typed
 * arrays, every so many rows become an Arrow record batch (apache-arrow), and the Rust parquet
 * crate compiled to WebAssembly (parquet-wasm) encodes the batches as they come, one file a
 * table, zstd-compressed. Text columns are Arrow dictionaries — person ids over the serials of
 * the batch, codes over the reference's lists — so no string is made a row. Nulls are where
 * the CSV has empty fields: no practice, open registrations and the living's death date.
 */
type Kind = 'id' | 'int' | 'date' | readonly string[];

/** Each table's columns, in order, with how they are stored: ingest reads them as the CSV's. */
export const parquetColumns = (labels: SynthLabels) =>
  ({
    persons: [
      ['person_id', 'id'],
      ['birth_year', 'int'],
      ['birth_month', 'int'],
      ['sex', ['M', 'F']],
      ['practice_code', labels.practices],
      ['registered_from', 'date'],
      ['registered_to', 'date'],
      ['lsoa', labels.areas],
      ['imd_decile', 'int'],
      ['death_date', 'date'],
      ['ethnicity', labels.ethnicities],
    ],
    conditions: [
      ['person_id', 'id'],
      ['condition', labels.conditions],
      ['onset_date', 'date'],
    ],
    events: [
      ['person_id', 'id'],
      ['event_date', 'date'],
      ['setting', labels.settings],
      ['cost_pence', 'int'],
    ],
  }) satisfies Record<string, [string, Kind][]>;

type TableName = keyof ReturnType<typeof parquetColumns>;

/** How the rows are cut up: people between waits for the writer, and rows a record batch holds. */
export interface ParquetBatching {
  people: number;
  rows: number;
}
const defaultBatching: ParquetBatching = { people: 65_536, rows: 1 << 18 };

/**
 * Rows of one table as Int32 columns: serials, numbers, days since 1970 and indices into label
 * lists. A date of 0 or an index of −1 is null (SynthSink's conventions).
 */
class Columns {
  readonly values: Int32Array[];
  rows = 0;
  private readonly types: (Int32 | DateDay | Dictionary<Utf8, Int32>)[];
  private readonly dictionaries: (Vector<Utf8> | undefined)[];
  private readonly nullable: boolean[];
  private readonly schema: Schema;

  constructor(
    readonly batchRows: number,
    private readonly kinds: readonly (readonly [string, Kind])[],
    /** Columns that may hold nulls. */
    nullable: readonly string[],
    private readonly labels: SynthLabels,
  ) {
    this.values = kinds.map(() => new Int32Array(batchRows));
    this.types = kinds.map(([, kind]) =>
      kind === 'int'
        ? new Int32()
        : kind === 'date'
          ? new DateDay()
          : new Dictionary(new Utf8(), new Int32()),
    );
    this.dictionaries = kinds.map(([, kind]) => (typeof kind === 'string' ? undefined : utf8(kind)));
    this.nullable = kinds.map(([name]) => nullable.includes(name));
    this.schema = new Schema(
      kinds.map(([name], c) => new Field(name, this.types[c] as Int32, this.nullable[c] as boolean)),
    );
  }

  /** The rows held as an Arrow IPC stream, and empties the columns. */
  take(): Uint8Array {
    const rows = this.rows;
    const children = this.kinds.map(([, kind], c): Data => {
      // A view, not a copy: the batch is serialised before the columns are written again.
      const values = (this.values[c] as Int32Array).subarray(0, rows);
      const type = this.types[c] as Int32;
      const nulls = this.nullable[c] ? nullsOf(values, kind === 'date' ? 0 : -1) : undefined;
      if (kind === 'int' || kind === 'date') return makeData({ type, length: rows, data: values, ...nulls });
      let dictionary = this.dictionaries[c];
      if (kind === 'id') {
        // Person ids from the first serial of the batch to its last (rows are in serial order).
        const first = values[0] ?? 1;
        const last = values[rows - 1] ?? 0;
        dictionary = personIds(this.labels, first, last);
        for (let r = 0; r < rows; r++) values[r] = (values[r] as number) - first;
      }
      return makeData({
        type: type as unknown as Dictionary<Utf8, Int32>,
        length: rows,
        data: values,
        dictionary,
        ...nulls,
      }) as Data;
    });
    this.rows = 0;
    const batch = new RecordBatch(
      this.schema,
      makeData({ type: new Struct(this.schema.fields), length: rows, nullCount: 0, children }),
    );
    return tableToIPC(new Table(batch), 'stream');
  }
}

/** A validity bitmap (and null count) for the values equal to `none`, which become 0. */
function nullsOf(values: Int32Array, none: number): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let r = 0; r < values.length; r++) {
    if (values[r] === none) {
      values[r] = 0;
      nullCount++;
    } else nullBitmap[r >> 3] = (nullBitmap[r >> 3] as number) | (1 << (r & 7));
  }
  return { nullBitmap, nullCount };
}

function utf8(texts: readonly string[]): Vector<Utf8> {
  const bytes = texts.map((t) => Buffer.from(t, 'utf8'));
  const valueOffsets = new Int32Array(texts.length + 1);
  bytes.forEach((b, i) => {
    valueOffsets[i + 1] = (valueOffsets[i] as number) + b.length;
  });
  return makeVector(
    makeData({ type: new Utf8(), length: texts.length, valueOffsets, data: Buffer.concat(bytes) }),
  );
}

/** The ids of serials `first` to `last` (prefix and zero-padded serial), as an Arrow string vector. */
function personIds(labels: SynthLabels, first: number, last: number): Vector<Utf8> {
  const count = Math.max(0, last - first + 1);
  const prefix = Buffer.from(labels.idPrefix, 'latin1');
  const digits = labels.idDigits;
  const width = prefix.length + digits;
  if (last >= 10 ** digits) throw new RangeError(`serial ${last} has more than ${digits} digits`);
  const data = new Uint8Array(count * width);
  const valueOffsets = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) {
    const at = k * width;
    data.set(prefix, at);
    let v = first + k;
    for (let i = at + width - 1; i >= at + prefix.length; i--, v = (v / 10) | 0) data[i] = 48 + (v % 10);
    valueOffsets[k + 1] = at + width;
  }
  return makeVector(makeData({ type: new Utf8(), length: count, valueOffsets, data }));
}

/**
 * One Parquet file fed record batches through a stream that parquet-wasm pulls from; the
 * generator waits (`drained`) until it has taken every batch, so at most one chunk of people's
 * rows is held.
 */
class ParquetFile {
  private readonly queue: unknown[] = [];
  private wake: (() => void) | undefined;
  private waiting = false;
  private closed = false;
  private readonly drains: (() => void)[] = [];
  private readonly done: Promise<void>;
  private readonly failed: Promise<never>;
  batches = 0;

  constructor(readonly path: string) {
    const source = new ReadableStream(
      {
        pull: async (controller) => {
          this.waiting = true;
          if (this.queue.length === 0) for (const resolve of this.drains.splice(0)) resolve();
          while (this.queue.length === 0 && !this.closed) await new Promise<void>((r) => (this.wake = r));
          this.waiting = false;
          const next = this.queue.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(next);
        },
      },
      { highWaterMark: 0 },
    );
    const properties = new WriterPropertiesBuilder()
      .setCompression(Compression.ZSTD)
      .setStatisticsEnabled(EnabledStatistics.Chunk)
      // A row group's person ids (some 65,000 in a million events) stay one dictionary.
      .setDictionaryPageSizeLimit(4 << 20)
      .setCreatedBy('concordat synth')
      .build();
    this.done = (async () => {
      const fd = openSync(path, 'w');
      try {
        const bytes = await transformParquetStream(source, properties);
        for await (const chunk of bytes as AsyncIterable<Uint8Array>) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      if (!this.closed) throw new Error(`${path}: the Parquet writer stopped before the last rows`);
    })();
    // Rejects only if writing fails; handled here so a failure while generating is not unhandled.
    this.failed = new Promise<never>((_, reject) => {
      this.done.catch(reject);
    });
    this.failed.catch(() => {});
  }

  push(ipc: Uint8Array): void {
    const table = WasmTable.fromIPCStream(ipc);
    const batch = table.recordBatch(0);
    table.free();
    this.queue.push(batch);
    this.batches++;
    this.rouse();
  }

  private rouse(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  drained(): Promise<void> {
    if (this.queue.length === 0 && this.waiting) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => this.drains.push(resolve)), this.failed]);
  }

  async close(): Promise<string> {
    this.closed = true;
    this.rouse();
    await this.done;
    return this.path;
  }
}

/** The native tables as Parquet files in `dir`. */
export class ParquetSink implements SynthSink {
  private readonly tables: Record<TableName, Columns>;
  private readonly files: Record<TableName, ParquetFile>;

  readonly peoplePerChunk: number;
  private readonly batchRows: number;

  constructor(
    dir: string,
    labels: SynthLabels,
    columnsOf: (table: TableName) => readonly string[],
    batching = defaultBatching,
  ) {
    this.peoplePerChunk = batching.people;
    const rows = (this.batchRows = batching.rows);
    const kinds = parquetColumns(labels);
    const nullable = ['practice_code', 'registered_from', 'registered_to', 'death_date'];
    for (const table of ['persons', 'conditions', 'events'] as const) {
      const names = kinds[table].map(([name]) => name).join(',');
      if (names !== columnsOf(table).join(','))
        throw new Error(`Parquet columns of ${table} (${names}) are not the data model's`);
    }
    this.tables = {
      persons: new Columns(rows, kinds.persons, nullable, labels),
      conditions: new Columns(rows, kinds.conditions, nullable, labels),
      events: new Columns(rows, kinds.events, nullable, labels),
    };
    const file = (table: TableName) => new ParquetFile(join(dir, `${table}.parquet`));
    this.files = { persons: file('persons'), conditions: file('conditions'), events: file('events') };
  }

  readonly rows = { conditions: 0, events: 0 };

  private flush(table: TableName): void {
    this.files[table].push(this.tables[table].take());
  }

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
    const t = this.tables.persons;
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
    if (++t.rows === this.batchRows) this.flush('persons');
  }

  condition(serial: number, condition: number, onset: number): void {
    const t = this.tables.conditions;
    const v = t.values;
    const r = t.rows;
    (v[0] as Int32Array)[r] = serial;
    (v[1] as Int32Array)[r] = condition;
    (v[2] as Int32Array)[r] = onset;
    this.rows.conditions++;
    if (++t.rows === this.batchRows) this.flush('conditions');
  }

  event(serial: number, day: number, setting: number, costPence: number): void {
    const t = this.tables.events;
    const v = t.values;
    const r = t.rows;
    (v[0] as Int32Array)[r] = serial;
    (v[1] as Int32Array)[r] = day;
    (v[2] as Int32Array)[r] = setting;
    (v[3] as Int32Array)[r] = costPence;
    this.rows.events++;
    if (++t.rows === this.batchRows) this.flush('events');
  }

  drained(): Promise<void> {
    return Promise.all(Object.values(this.files).map((f) => f.drained())).then(() => {});
  }

  async close(): Promise<string[]> {
    const paths: string[] = [];
    for (const table of ['persons', 'conditions', 'events'] as const) {
      // The writer needs one batch to learn the schema, even an empty one.
      if (this.tables[table].rows > 0 || this.files[table].batches === 0) this.flush(table);
      paths.push(await this.files[table].close());
    }
    return paths;
  }
}
