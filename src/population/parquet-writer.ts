import { closeSync, openSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * A small Parquet writer for columns held as Int32Array: whole numbers and dates (INT32) and
 * text drawn from a list (BYTE_ARRAY strings). Every column chunk is a dictionary page and one
 * data page of indices in the RLE/bit-packing hybrid — text over its list (or a row group's own,
 * for person ids), numbers over the row group's distinct values unless they span too wide a
 * range, when they are PLAIN. Enough for the synthetic population's tables and no more:
 * uncompressed data pages (v1), optional columns as definition levels, no statistics. Format:
 * the Apache Parquet specification (parquet.thrift, Encodings.md), footer in Thrift's compact
 * protocol.
 *
 * Why not a library: apache-arrow with parquet-wasm (the Rust parquet crate as WebAssembly)
 * took about 260 ns a row for the events, more than DuckDB's CSV-to-Parquet; this writes the
 * same rows in a few ns each, because the data are already small integers and runs.
 */
export type ParquetColumnKind =
  | { type: 'int32' }
  | { type: 'date' }
  /** Text: each row an index into `labels`. */
  | { type: 'text'; labels: readonly string[] };

export interface ParquetColumn {
  name: string;
  kind: ParquetColumnKind;
  /** Whether the column may hold nulls: an index of −1 or a date of 0 is null. */
  optional: boolean;
}

if (endianness() !== 'LE') throw new Error('the Parquet writer assumes a little-endian machine');

/** A growing byte buffer with Thrift compact protocol helpers. */
class Bytes {
  buffer = new Uint8Array(1 << 16);
  length = 0;

  room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
  byte(b: number): void {
    this.room(1);
    this.buffer[this.length++] = b;
  }
  /** Unsigned LEB128, for values below 2⁵³. */
  varint(value: number): void {
    this.room(10);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }
  /** Zigzag then varint: Thrift's i16, i32 and i64. */
  int(value: number): void {
    this.varint(value >= 0 ? 2 * value : -2 * value - 1);
  }
  uint32(value: number): void {
    this.room(4);
    const b = this.buffer;
    b[this.length++] = value & 0xff;
    b[this.length++] = (value >>> 8) & 0xff;
    b[this.length++] = (value >>> 16) & 0xff;
    b[this.length++] = (value >>> 24) & 0xff;
  }
  bytes(data: Uint8Array): void {
    this.room(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

// Thrift compact protocol type ids.
const T = { true: 1, false: 2, i32: 5, i64: 6, binary: 8, list: 9, struct: 12 } as const;

/** A Thrift struct's fields, written in ascending id order. */
type Field = [id: number, value: Value];
type Value =
  | { i32: number }
  | { i64: number }
  | { bool: boolean }
  | { text: string }
  | { struct: Field[] }
  | { list: Value[]; of: number };

function typeOf(value: Value): number {
  if ('i32' in value) return T.i32;
  if ('i64' in value) return T.i64;
  if ('bool' in value) return value.bool ? T.true : T.false;
  if ('text' in value) return T.binary;
  if ('struct' in value) return T.struct;
  return T.list;
}

function writeValue(out: Bytes, value: Value): void {
  if ('i32' in value) out.int(value.i32);
  else if ('i64' in value) out.int(value.i64);
  else if ('text' in value) {
    const text = Buffer.from(value.text, 'utf8');
    out.varint(text.length);
    out.bytes(text);
  } else if ('struct' in value) writeStruct(out, value.struct);
  else if ('list' in value) {
    const n = value.list.length;
    if (n < 15) out.byte((n << 4) | value.of);
    else {
      out.byte(0xf0 | value.of);
      out.varint(n);
    }
    for (const item of value.list) writeValue(out, item);
  }
}

function writeStruct(out: Bytes, fields: Field[]): void {
  let last = 0;
  for (const [id, value] of fields) {
    const delta = id - last;
    if (delta > 0 && delta <= 15) out.byte((delta << 4) | typeOf(value));
    else {
      out.byte(typeOf(value));
      out.int(id);
    }
    last = id;
    if (!('bool' in value)) writeValue(out, value);
  }
  out.byte(0);
}

const i32 = (v: number): Value => ({ i32: v });
const i64 = (v: number): Value => ({ i64: v });
const struct = (...fields: (Field | undefined)[]): Value => ({
  struct: fields.filter((f): f is Field => f !== undefined),
});

// parquet.thrift enums.
const INT32 = 1;
const BYTE_ARRAY = 6;
const REQUIRED = 0;
const OPTIONAL = 1;
const UTF8 = 0;
const DATE = 6;
const PLAIN = 0;
const RLE = 3;
const RLE_DICTIONARY = 8;
const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;

/** How many values from `from` on equal the one there (counting stops at `limit`). */
function runLength(values: Int32Array, from: number, limit: number): number {
  const v = values[from];
  let end = from + 1;
  while (end < values.length && end - from < limit && values[end] === v) end++;
  return end - from;
}

/**
 * Values in the RLE/bit-packing hybrid, each in `width` bits: eight or more equal values in a
 * row as a run, the rest bit-packed eight at a time (the last group padded with zeros).
 */
function hybrid(out: Bytes, values: Int32Array, width: number): void {
  const valueBytes = (width + 7) >> 3;
  const n = values.length;
  let r = 0;
  while (r < n) {
    const run = runLength(values, r, n);
    if (run >= 8 || width > 24) {
      // Widths above 24 bits are written as runs only, so packing stays within 32-bit arithmetic.
      out.varint(run * 2);
      const v = values[r] as number;
      for (let b = 0; b < valueBytes; b++) out.byte((v >>> (8 * b)) & 0xff);
      r += run;
      continue;
    }
    const start = r;
    let groups = 0;
    do {
      r += 8;
      groups++;
    } while (r < n && runLength(values, r, 8) < 8);
    out.varint(groups * 2 + 1);
    // Packed straight into the buffer: this is the writer's inner loop.
    out.room(groups * width);
    const buffer = out.buffer;
    let at = out.length;
    let acc = 0;
    let bits = 0;
    const end = Math.min(n, start + groups * 8);
    for (let i = start; i < end; i++) {
      acc |= (values[i] as number) << bits;
      bits += width;
      while (bits >= 8) {
        buffer[at++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    // Zeros pad the last group.
    const full = out.length + groups * width;
    if (bits > 0) buffer[at++] = acc & 0xff;
    while (at < full) buffer[at++] = 0;
    out.length = full;
  }
}

const bitWidth = (max: number) => (max <= 1 ? 1 : 32 - Math.clz32(max - 1));

interface ChunkMeta {
  column: ParquetColumn;
  values: number;
  start: number;
  dictionaryOffset: number | undefined;
  dataOffset: number;
  size: number;
  encodings: number[];
}

/** Writes one Parquet file, a row group a call of `rowGroup`. */
export class ParquetWriter {
  private readonly fd: number;
  private at = 0;
  private rows = 0;
  private readonly groups: { rows: number; chunks: ChunkMeta[] }[] = [];
  private readonly dictionaries: (PlainStrings | undefined)[];

  constructor(
    readonly path: string,
    private readonly columns: readonly ParquetColumn[],
  ) {
    this.fd = openSync(path, 'w');
    this.write(Buffer.from('PAR1'));
    this.dictionaries = columns.map((c) =>
      c.kind.type === 'text' ? plainStrings(c.kind.labels) : undefined,
    );
  }

  private write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.at += bytes.length;
  }

  private page(type: number, body: Uint8Array, header: Field): void {
    const out = new Bytes();
    writeStruct(out, [[1, i32(type)], [2, i32(body.length)], [3, i32(body.length)], header]);
    this.write(out.view());
    this.write(body);
  }

  /**
   * Writes `rows` rows: `values[c]` holds column c's values (modified: nulls are taken out).
   * `dictionary[c]`, for a text column, replaces its labels in this row group (person ids).
   */
  rowGroup(rows: number, values: readonly Int32Array[], dictionary: (PlainStrings | undefined)[] = []): void {
    if (rows === 0) return;
    const chunks = this.columns.map((column, c): ChunkMeta => {
      const start = this.at;
      const all = (values[c] as Int32Array).subarray(0, rows);
      const text = column.kind.type === 'text';
      const none = text ? -1 : 0;
      const body = new Bytes();
      let present = all;
      if (column.optional) {
        // Definition levels (1 present, 0 null), length-prefixed, then only the present values.
        const levels = new Int32Array(rows);
        let n = 0;
        for (let r = 0; r < rows; r++) {
          const v = all[r] as number;
          if (v !== none) {
            levels[r] = 1;
            all[n++] = v;
          }
        }
        present = all.subarray(0, n);
        const encoded = new Bytes();
        hybrid(encoded, levels, 1);
        body.uint32(encoded.length);
        body.bytes(encoded.view());
      }
      let dictionaryOffset: number | undefined;
      if (text) {
        const strings = dictionary[c] ?? (this.dictionaries[c] as PlainStrings);
        dictionaryOffset = this.at;
        this.page(DICTIONARY_PAGE, strings.bytes, [7, struct([1, i32(strings.count)], [2, i32(PLAIN)])]);
        const width = bitWidth(strings.count);
        body.byte(width);
        hybrid(body, present, width);
      } else {
        // Whole numbers and dates: a dictionary of the row group's values, when they span a
        // range small enough to look up directly (dates, costs, years), else PLAIN.
        const dictionary = dictionaryOf(present);
        if (dictionary) {
          dictionaryOffset = this.at;
          const { buffer, byteOffset, byteLength } = dictionary.values;
          const bytes = new Uint8Array(buffer, byteOffset, byteLength);
          this.page(DICTIONARY_PAGE, bytes, [7, struct([1, i32(dictionary.values.length)], [2, i32(PLAIN)])]);
          const width = bitWidth(dictionary.values.length);
          body.byte(width);
          hybrid(body, present, width);
        } else body.bytes(new Uint8Array(present.buffer, present.byteOffset, present.byteLength));
      }
      const dataOffset = this.at;
      const indexed = dictionaryOffset !== undefined;
      this.page(DATA_PAGE, body.view(), [
        5,
        struct([1, i32(rows)], [2, i32(indexed ? RLE_DICTIONARY : PLAIN)], [3, i32(RLE)], [4, i32(RLE)]),
      ]);
      return {
        column,
        values: rows,
        start,
        dictionaryOffset,
        dataOffset,
        size: this.at - start,
        encodings: indexed ? [PLAIN, RLE, RLE_DICTIONARY] : [PLAIN, RLE],
      };
    });
    this.groups.push({ rows, chunks });
    this.rows += rows;
  }

  /** Writes the footer and closes the file. */
  close(): void {
    const schema: Value[] = [
      struct([4, { text: 'schema' }], [5, i32(this.columns.length)]),
      ...this.columns.map((c) => {
        const text = c.kind.type === 'text';
        const date = c.kind.type === 'date';
        return struct(
          [1, i32(text ? BYTE_ARRAY : INT32)],
          [3, i32(c.optional ? OPTIONAL : REQUIRED)],
          [4, { text: c.name }],
          text || date ? [6, i32(text ? UTF8 : DATE)] : undefined,
          // LogicalType: STRING (1) or DATE (6), both empty structs.
          text || date ? [10, struct([text ? 1 : 6, struct()])] : undefined,
        );
      }),
    ];
    const groups = this.groups.map((g) =>
      struct(
        [
          1,
          {
            of: T.struct,
            list: g.chunks.map((k) =>
              struct(
                [2, i64(k.start)],
                [
                  3,
                  struct(
                    [1, i32(k.column.kind.type === 'text' ? BYTE_ARRAY : INT32)],
                    [2, { of: T.i32, list: k.encodings.map(i32) }],
                    [3, { of: T.binary, list: [{ text: k.column.name }] }],
                    [4, i32(0)],
                    [5, i64(k.values)],
                    [6, i64(k.size)],
                    [7, i64(k.size)],
                    [9, i64(k.dataOffset)],
                    k.dictionaryOffset === undefined ? undefined : [11, i64(k.dictionaryOffset)],
                  ),
                ],
              ),
            ),
          },
        ],
        [2, i64(g.chunks.reduce((sum, k) => sum + k.size, 0))],
        [3, i64(g.rows)],
      ),
    );
    const footer = new Bytes();
    writeStruct(footer, [
      [1, i32(1)],
      [2, { of: T.struct, list: schema }],
      [3, i64(this.rows)],
      [4, { of: T.struct, list: groups }],
      [6, { text: 'concordat synth' }],
    ]);
    this.write(footer.view());
    const tail = new Bytes();
    tail.uint32(footer.length);
    tail.bytes(Buffer.from('PAR1'));
    this.write(tail.view());
    closeSync(this.fd);
  }
}

/** Widest range of values looked up directly (4 bytes a value of the range). */
const maxRange = 1 << 22;

/**
 * The distinct values in order of first appearance, replacing each value by its index; or
 * undefined, leaving the values, when they span more than `maxRange`.
 */
function dictionaryOf(values: Int32Array): { values: Int32Array } | undefined {
  if (values.length === 0) return { values: new Int32Array(0) };
  let min = values[0] as number;
  let max = min;
  for (let r = 1; r < values.length; r++) {
    const v = values[r] as number;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  if (max - min >= maxRange) return undefined;
  const index = new Int32Array(max - min + 1).fill(-1);
  const distinct = new Int32Array(Math.min(values.length, max - min + 1));
  let count = 0;
  for (let r = 0; r < values.length; r++) {
    const v = values[r] as number;
    let k = index[v - min] as number;
    if (k < 0) {
      k = count++;
      index[v - min] = k;
      distinct[k] = v;
    }
    values[r] = k;
  }
  return { values: distinct.subarray(0, count) };
}

/** A dictionary page's strings, PLAIN-encoded: each a 4-byte length, then its bytes. */
export interface PlainStrings {
  count: number;
  bytes: Uint8Array;
}

export function plainStrings(texts: readonly string[]): PlainStrings {
  const out = new Bytes();
  for (const t of texts) {
    const bytes = Buffer.from(t, 'utf8');
    out.uint32(bytes.length);
    out.bytes(bytes);
  }
  return { count: texts.length, bytes: out.view() };
}
