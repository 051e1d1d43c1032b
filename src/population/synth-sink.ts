import { join } from 'node:path';
import { Chunk, CsvBytes, IdBytes } from './synth-csv.ts';

/**
 * Where the synthetic population's rows go. The generator (synth-records.ts, synth-events.ts)
 * hands each row over as numbers — indices into `SynthLabels`' lists and days since 1 January
 * 1970 — and a sink writes them as CSV (below) or Parquet (synth-parquet.ts), so both formats
 * come from one generator.
 */
export interface SynthSink {
  /**
   * One person. `practice` is −1 for an unregistered resident, who has no registration dates;
   * `registeredTo` and `deathDay` are 0 for none (no date synth writes is before 2000).
   */
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
  ): void;
  condition(serial: number, condition: number, onset: number): void;
  event(serial: number, day: number, setting: number, costPence: number): void;
  /** Finishes the files; their paths, persons, conditions and events. */
  close(): string[];
  readonly rows: { conditions: number; events: number };
}

/** The text behind a sink's indices. */
export interface SynthLabels {
  idPrefix: string;
  idDigits: number;
  practices: readonly string[];
  areas: readonly string[];
  /** By the index EthnicityDraws.indexOf gives (unused indices are empty). */
  ethnicities: readonly string[];
  conditions: readonly string[];
  settings: readonly string[];
}

/** The native tables as CSV text, written as bytes without intermediate strings (synth-csv.ts). */
export class CsvSink implements SynthSink {
  private readonly persons: CsvBytes;
  private readonly conditions: CsvBytes;
  private readonly events: CsvBytes;
  private readonly ids: IdBytes;
  private readonly practices: Chunk[];
  private readonly areas: Chunk[];
  private readonly ethnicities: Chunk[];
  private readonly codes: Chunk[];
  private readonly settings: Chunk[];
  private readonly sexes = [new Chunk('M'), new Chunk('F')];
  /** The id last made, reused while rows are of the same person. */
  private idOf = 0;
  private id: Chunk;

  constructor(
    dir: string,
    header: (table: 'persons' | 'conditions' | 'events') => string,
    labels: SynthLabels,
  ) {
    const file = (table: 'persons' | 'conditions' | 'events') =>
      new CsvBytes(join(dir, `${table}.csv`), header(table));
    this.persons = file('persons');
    this.conditions = file('conditions');
    this.events = file('events');
    this.ids = new IdBytes(labels.idPrefix, labels.idDigits);
    this.id = this.ids.of(0);
    const chunks = (texts: readonly string[]) => texts.map((t) => new Chunk(t));
    this.practices = chunks(labels.practices);
    this.areas = chunks(labels.areas);
    this.ethnicities = chunks(labels.ethnicities);
    this.codes = chunks(labels.conditions);
    this.settings = chunks(labels.settings);
  }

  get rows() {
    return { conditions: this.conditions.rows, events: this.events.rows };
  }

  private idFor(serial: number): Chunk {
    if (serial !== this.idOf) {
      this.id = this.ids.of(serial);
      this.idOf = serial;
    }
    return this.id;
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
    const row = this.persons
      .chunk(this.idFor(serial))
      .comma()
      .int(birthYear)
      .comma()
      .int(birthMonth)
      .comma()
      .chunk(this.sexes[female] as Chunk)
      .comma();
    if (practice >= 0) {
      row
        .chunk(this.practices[practice] as Chunk)
        .comma()
        .date(registeredFrom)
        .comma();
      if (registeredTo) row.date(registeredTo);
    } else row.comma().comma();
    row
      .comma()
      .chunk(this.areas[area] as Chunk)
      .comma()
      .int(decile)
      .comma();
    if (deathDay) row.date(deathDay);
    row
      .comma()
      .chunk(this.ethnicities[ethnicity] as Chunk)
      .end();
  }

  condition(serial: number, condition: number, onset: number): void {
    this.conditions
      .chunk(this.idFor(serial))
      .comma()
      .chunk(this.codes[condition] as Chunk)
      .comma()
      .date(onset)
      .end();
  }

  event(serial: number, day: number, setting: number, costPence: number): void {
    this.events
      .chunk(this.idFor(serial))
      .comma()
      .date(day)
      .comma()
      .chunk(this.settings[setting] as Chunk)
      .comma()
      .int(costPence)
      .end();
  }

  close(): string[] {
    for (const file of [this.persons, this.conditions, this.events]) file.close();
    return [this.persons.path, this.conditions.path, this.events.path];
  }
}
