import { InvalidInput } from '../../core/errors.ts';

/** Where a refusal points: `where, field: 'value' problem; nothing was loaded`. */
export function refuse(where: string, field: string, value: string, problem: string, hint?: string): never {
  throw new InvalidInput(`${where}, ${field}`, `'${value}' ${problem}; nothing was loaded`, hint);
}

/**
 * One row of a table being read, from a file or a database, its values as trimmed text ('' when
 * absent or empty). Readers map rows through this alone, so one mapping serves every source;
 * the same object is reused for every row, so copy what you keep.
 */
export abstract class SourceRow<C extends string> {
  /** The row's place in the table as read (1, 2, …), which orders what is written from it. */
  line = 0;
  /** What names the row in a message: its line in a file, its primary key in a database. */
  abstract get key(): string;
  abstract get(column: C): string;
  /** The row's place for a message: `person.csv line 3`, `cdm.person person_id 3`. */
  abstract where(): string;
  refuse(column: C, problem: string, hint?: string): never {
    return refuse(this.where(), column, this.get(column), problem, hint);
  }
  /** The value read from a column, or a refusal naming the column when there is none. */
  must<T>(value: T | undefined, column: C, problem: string, hint?: string): T {
    return value === undefined ? this.refuse(column, problem, hint) : value;
  }
}
