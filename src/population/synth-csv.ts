import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A CSV file written as bytes into a buffer, for the tens of millions of rows of a synthetic
 * ICB: no intermediate strings, so little garbage to collect. Text columns are ASCII.
 */
export class CsvBytes {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;
  rows = 0;

  constructor(
    readonly path: string,
    header: string,
  ) {
    this.fd = openSync(path, 'w');
    this.text(`${header}\n`);
  }

  /** Room for one more row (no row is longer than this). */
  private room() {
    if (this.at > this.buffer.length - 4096) this.flush();
  }

  private flush() {
    writeSync(this.fd, this.buffer, 0, this.at);
    this.at = 0;
  }

  text(value: string): this {
    this.at += this.buffer.write(value, this.at, 'latin1');
    return this;
  }

  /** Short byte strings (ids, codes): copied a byte at a time, cheaper than a native call. */
  bytes(value: Uint8Array): this {
    const n = value.length;
    for (let i = 0; i < n; i++) this.buffer[this.at + i] = value[i] as number;
    this.at += n;
    return this;
  }

  /** A whole number of at least `width` digits (zero-padded). */
  int(value: number, width = 1): this {
    let digits = 1;
    for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
    let end = this.at + Math.max(width, digits);
    const stop = this.at;
    let v = value;
    while (end > stop) {
      this.buffer[--end] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    this.at += Math.max(width, digits);
    return this;
  }

  /** A date, given as days since 1 January 1970, as YYYY-MM-DD. */
  date(day: number): this {
    const table = isoDayTable();
    const from = (day - firstDay) * 10;
    if (!(from >= 0 && from < table.length)) throw new RangeError(`day ${day} is outside 1880–2100`);
    for (let i = 0; i < 10; i++) this.buffer[this.at + i] = table[from + i] as number;
    this.at += 10;
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

const dayMs = 86_400_000;
const firstDay = Date.UTC(1880, 0, 1) / dayMs;
const lastDay = Date.UTC(2100, 11, 31) / dayMs;
let isoDays: Buffer | undefined;

/** Every date from 1880 to 2100 as YYYY-MM-DD bytes, made once, day after day. */
function isoDayTable(): Buffer {
  if (!isoDays) {
    const table = Buffer.alloc((lastDay - firstDay + 1) * 10);
    let at = 0;
    for (let year = 1880; year <= 2100; year++) {
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      for (let month = 1; month <= 12; month++) {
        const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
        for (let day = 1; day <= days; day++, at += 10) {
          table.write(`${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`, at, 'latin1');
        }
      }
    }
    isoDays = table;
  }
  return isoDays;
}

/** A synthetic person id (prefix and zero-padded serial) as bytes, made in place for each serial. */
export class IdBytes {
  private readonly id: Uint8Array;
  constructor(
    prefix: string,
    private readonly digits: number,
  ) {
    this.id = new Uint8Array(prefix.length + digits);
    this.id.set(Buffer.from(prefix, 'latin1'));
  }
  of(serial: number): Uint8Array {
    if (serial >= 10 ** this.digits)
      throw new RangeError(`serial ${serial} has more than ${this.digits} digits`);
    let v = serial;
    for (let i = this.id.length - 1; i >= this.id.length - this.digits; i--) {
      this.id[i] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    return this.id;
  }
}
