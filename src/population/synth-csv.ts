import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A CSV file written as bytes into a buffer, for the tens of millions of rows of a synthetic
 * ICB: no intermediate strings, so little garbage to collect. Text is ASCII. Short byte
 * strings are copied four bytes at a time through a DataView, several times faster in V8 than
 * byte by byte.
 */
export class CsvBytes {
  private readonly fd: number;
  private readonly buffer = new Uint8Array(1 << 20);
  private readonly view = new DataView(this.buffer.buffer);
  private at = 0;
  rows = 0;

  constructor(
    readonly path: string,
    header: string,
  ) {
    this.fd = openSync(path, 'w');
    this.chunk(new Chunk(`${header}\n`));
  }

  /** Room for one more row (no row is longer than this). */
  private room() {
    if (this.at > this.buffer.length - 4096) this.flush();
  }

  private flush() {
    writeSync(this.fd, this.buffer, 0, this.at);
    this.at = 0;
  }

  chunk(value: Chunk): this {
    const view = this.view;
    const words = value.words;
    let at = this.at;
    for (let i = 0; i < words.length; i++, at += 4) view.setUint32(at, words[i] as number, true);
    const tail = value.tail;
    for (let i = 0; i < tail.length; i++) this.buffer[at++] = tail[i] as number;
    this.at = at;
    return this;
  }

  /** A whole number below 2³¹, zero-padded to at least `width` digits. */
  int(value: number, width = 1): this {
    if (!(value >= 0 && value <= 0x7fffffff))
      throw new RangeError(`${value} is not a whole number below 2³¹`);
    let digits = 1;
    for (let v = value; v >= 10; v = (v / 10) | 0) digits++;
    const buffer = this.buffer;
    const start = this.at;
    let at = start + (digits > width ? digits : width);
    this.at = at;
    for (let v = value; at > start; v = (v / 10) | 0) buffer[--at] = 48 + (v % 10);
    return this;
  }

  /** A date, given as days since 1 January 1970, as YYYY-MM-DD. */
  date(day: number): this {
    const table = isoDays ?? isoDayTable();
    const from = (day - firstDay) * 3;
    if (!(from >= 0 && from < table.length)) throw new RangeError(`day ${day} is outside 1880–2100`);
    const view = this.view;
    const at = this.at;
    view.setUint32(at, table[from] as number, true);
    view.setUint32(at + 4, table[from + 1] as number, true);
    view.setUint16(at + 8, table[from + 2] as number, true);
    this.at = at + 10;
    return this;
  }

  comma(): this {
    this.buffer[this.at++] = 44;
    return this;
  }

  /** Ends the row. */
  end(): void {
    this.buffer[this.at++] = 10;
    this.rows++;
    this.room();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A short ASCII string made ready to copy: its whole 4-byte words (little-endian), then the rest. */
export class Chunk {
  readonly words: Uint32Array;
  readonly tail: Uint8Array;
  private readonly source: DataView;
  constructor(text: string | Uint8Array) {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    const whole = bytes.length - (bytes.length % 4);
    this.words = new Uint32Array(whole / 4);
    this.tail = new Uint8Array(bytes.length - whole);
    this.source = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    this.refresh();
  }
  /** Reads the bytes it was made from again, after they changed. */
  refresh(): void {
    const source = this.source;
    for (let i = 0; i < this.words.length; i++) this.words[i] = source.getUint32(4 * i, true);
    for (let i = 0; i < this.tail.length; i++) this.tail[i] = source.getUint8(4 * this.words.length + i);
  }
}

const dayMs = 86_400_000;
const firstDay = Date.UTC(1880, 0, 1) / dayMs;
const lastDay = Date.UTC(2100, 11, 31) / dayMs;
let isoDays: Uint32Array | undefined;

/** Every date from 1880 to 2100 as YYYY-MM-DD: two 4-byte words and a 2-byte one a day, made once. */
function isoDayTable(): Uint32Array {
  if (!isoDays) {
    const text = Buffer.alloc((lastDay - firstDay + 1) * 10);
    let at = 0;
    for (let year = 1880; year <= 2100; year++) {
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      for (let month = 1; month <= 12; month++) {
        const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
        for (let day = 1; day <= days; day++, at += 10) {
          text.write(`${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`, at, 'latin1');
        }
      }
    }
    const table = new Uint32Array((lastDay - firstDay + 1) * 3);
    for (let day = 0; day * 10 < text.length; day++) {
      table[3 * day] = text.readUInt32LE(10 * day);
      table[3 * day + 1] = text.readUInt32LE(10 * day + 4);
      table[3 * day + 2] = text.readUInt16LE(10 * day + 8);
    }
    isoDays = table;
  }
  return isoDays;
}

/** A synthetic person id (prefix and zero-padded serial), remade in place for each serial. */
export class IdBytes {
  private readonly id: Uint8Array;
  private readonly chunk: Chunk;
  private readonly limit: number;
  constructor(
    prefix: string,
    private readonly digits: number,
  ) {
    this.id = new Uint8Array(prefix.length + digits);
    this.id.set(Buffer.from(prefix, 'latin1'));
    this.chunk = new Chunk(this.id);
    this.limit = 10 ** digits;
  }
  /** The id's bytes (latin1), remade in place: copy them before the next call. */
  bytes(serial: number): Uint8Array {
    if (!(serial < this.limit)) throw new RangeError(`serial ${serial} has more than ${this.digits} digits`);
    const id = this.id;
    let v = serial;
    for (let i = id.length - 1; i >= id.length - this.digits; i--, v = (v / 10) | 0) id[i] = 48 + (v % 10);
    return id;
  }
  of(serial: number): Chunk {
    this.bytes(serial);
    this.chunk.refresh();
    return this.chunk;
  }
}
