import type { DuckDbEngine } from '../engines/duckdb.ts';
import type { TableName } from '../model.ts';
import type { CodeList } from './code-list.ts';
import type { NativeOutput, Notes, Reference } from './native-output.ts';

/** What every reader is given: where to write, what to check against, and what to report. */
export interface ReadContext {
  engine: DuckDbEngine;
  codeList: CodeList;
  reference: Reference;
  out: NativeOutput;
  notes: Notes;
  /** Called as each file is read. */
  step: (name: string) => void;
}

export type Reader = (dir: string, context: ReadContext) => Promise<Record<TableName, string>>;
