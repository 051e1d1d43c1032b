import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { InvalidInput } from './core/errors.ts';
import { textProblem } from './core/well-formed-text.ts';

/**
 * The text rule (src/well-formed-text.ts) for files people give Concordat (YAML and CSV): the
 * bytes must be UTF-8, and no line may hold NUL or another control character; tab and the
 * line ending (LF or CRLF) are allowed. The refusal names the file and the line.
 */
export function readTextFile(file: string, name = file): string {
  return decodeTextFile(readFileSync(file), name);
}

/** `bytes` as UTF-8 text under the rule; `name` is how the file is named in a refusal. */
export function decodeTextFile(bytes: Uint8Array, name: string): string {
  // Node's own UTF-8 check, not TextDecoder's, whose first use costs a command milliseconds.
  if (!isUtf8(bytes)) {
    throw new InvalidInput(
      `${name} line ${firstBadUtf8Line(bytes)}`,
      'is not UTF-8 text (a byte sequence there encodes no character)',
      'Save the file as UTF-8.',
    );
  }
  // A byte-order mark is not part of the text.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  requireWellFormedLines(text, name);
  return text;
}

/** Refuses the first line of `text` that breaks the rule, naming `name` and the line. */
export function requireWellFormedLines(text: string, name: string): void {
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const problem = textProblem(line.endsWith('\r') ? line.slice(0, -1) : line, { allowLineBreaks: true });
    if (problem) throw new InvalidInput(`${name} line ${i + 1}`, problem);
  }
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    if (!isUtf8(bytes.subarray(start, i))) return line;
    line++;
    start = i + 1;
  }
  return line;
}
