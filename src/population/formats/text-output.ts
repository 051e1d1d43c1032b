import { closeSync, openSync, writeSync } from 'node:fs';

/** Writes a text file a line at a time, in blocks, so millions of rows cost little memory. */
export class LineWriter {
  private readonly fd: number;
  private lines: string[] = [];
  count = 0;
  constructor(
    readonly path: string,
    header: string,
  ) {
    this.fd = openSync(path, 'w');
    if (header !== '') writeSync(this.fd, `${header}\n`);
  }
  line(text: string) {
    this.lines.push(text);
    this.count++;
    if (this.lines.length >= 50_000) this.flush();
  }
  flush() {
    if (this.lines.length > 0) writeSync(this.fd, `${this.lines.join('\n')}\n`);
    this.lines = [];
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}
