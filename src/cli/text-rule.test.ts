import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { readYamlFile } from '../law/yaml-file.ts';
import { readGzipCsv } from '../system/gzip-csv.ts';
import { decodeTextFile, readTextFile } from '../text-file.ts';
import { illFormedArgument } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'concordat-text-rule-'));
const example = 'examples/black-country-dudley-place-2026.yaml';

function concordat(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/concordat.js', ...args], { encoding: 'utf8' });
  return { code: r.status, err: r.stderr };
}

function refusal(fn: () => unknown): InvalidInput {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Write `text` (or bytes) to a file of its own and return its path. */
function fileWith(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('the text rule at the command line', () => {
  it('names the argument that holds a control character or broken UTF-16', () => {
    expect(illFormedArgument(['check', example, '--on', '2026-08-01'])).toBeUndefined();
    expect(illFormedArgument(['check', 'notes\twith a tab\nand a line'])).toBeUndefined();
    expect(illFormedArgument(['check', example, '--on', '2026\u001b-08-01'])?.message).toBe(
      'argument 4 (after --on): contains the control character U+001B at position 5; remove it (only tab and newline are allowed)',
    );
    expect(illFormedArgument(['check', '--on=x\ud800'])?.message).toMatch(
      /^option --on: contains a broken character \(a lone UTF-16 surrogate\)/,
    );
    expect(illFormedArgument(['check', 'bad\u0007file.yaml'])?.field).toBe('argument 2');
    // The name is printable even when the option itself is what is broken.
    expect(illFormedArgument(['--o\u001bn', 'x'])?.field).toBe('option --o\\u001bn');
  });

  it('exits 2 naming the argument, before any command runs', () => {
    const r = concordat('check', example, '--on', '2026-08-01\u0001');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'argument 4 (after --on): contains the control character U+0001 at position 11; remove it (only tab and newline are allowed)\n',
    );
  });

  it('refuses a file that is not UTF-8, or holds NUL or a control character, naming the file and line', () => {
    expect(decodeTextFile(Buffer.from('a: 1\r\nb:\t2\n'), 'ok.yaml')).toBe('a: 1\r\nb:\t2\n');
    expect(refusal(() => decodeTextFile(Buffer.from('a: 1\nb: 2\nc: x\u0000y\n'), 'f.yaml')).message).toBe(
      'f.yaml line 3: contains a NUL character (U+0000), which cannot be stored',
    );
    expect(refusal(() => decodeTextFile(Buffer.from('a\nb\u000bc'), 'f.csv')).field).toBe('f.csv line 2');
    expect(refusal(() => decodeTextFile(Buffer.from('a\r\nb\rc\n'), 'f.csv')).field).toBe('f.csv line 2');
    const latin1 = Buffer.concat([Buffer.from('name: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(
      refusal(() => decodeTextFile(Buffer.concat([Buffer.from('x: 1\n'), latin1]), 'f.yaml')).message,
    ).toBe(
      'f.yaml line 2: is not UTF-8 text (a byte sequence there encodes no character). Save the file as UTF-8.',
    );
    const path = fileWith('escape.txt', 'fine\n\u001b[2J\n');
    expect(refusal(() => readTextFile(path)).field).toBe(`${path} line 2`);
  });

  it('refuses a YAML escape that makes a NUL or a lone surrogate, naming the field and its line', () => {
    const yaml = 'name: fine\nfunds:\n  - host: "a\\0b"\n';
    expect(refusal(() => readYamlFile('f.yaml', yaml)).message).toBe(
      'f.yaml is not valid:\n  - line 3, funds[0].host: contains a NUL character (U+0000), which cannot be stored',
    );
    expect(refusal(() => readYamlFile('f.yaml', 'name: "\\ud800"\n')).message).toMatch(
      /line 1, name: contains a broken character \(a lone UTF-16 surrogate\)/,
    );
    expect(refusal(() => readYamlFile('f.yaml', 'name: "\\e[2J"\n')).message).toMatch(
      /line 1, name: .*U\+001B/,
    );
    // Running text keeps its line breaks.
    expect(readYamlFile('f.yaml', 'notes: |\n  one\n  two\n').value).toEqual({ notes: 'one\ntwo\n' });
  });

  it('exits 2 naming the file and line when an arrangement file breaks the rule', () => {
    const lines = readFileSync(example, 'utf8').split('\n');
    lines[4] = `${lines[4]}\u0000`;
    const path = fileWith('nul.yaml', lines.join('\n'));
    const r = concordat('check', path, '--on', '2026-08-01');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${path} line 5: contains a NUL character (U+0000), which cannot be stored\n`);
  });

  it('refuses a reference CSV file that breaks the rule, naming the file and line', () => {
    const path = fileWith('codes.csv.gz', gzipSync('code,name\nQUA,Black Country\nQHL,Birm\u0000ingham\n'));
    expect(refusal(() => readGzipCsv(path)).message).toBe(
      'codes.csv.gz line 3: contains a NUL character (U+0000), which cannot be stored',
    );
    expect(readGzipCsv(fileWith('ok.csv.gz', gzipSync('code,name\r\nQUA,"Black\r\nCountry"\r\n')))).toEqual([
      ['code', 'name'],
      ['QUA', 'Black\r\nCountry'],
    ]);
  });
});
