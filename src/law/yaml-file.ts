import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import { findIllFormedText } from '../core/well-formed-text.ts';
import { readTextFile, requireWellFormedLines } from '../text-file.ts';

/** One thing wrong in a file: where (path and line) and what. */
export interface Problem {
  path: string;
  line: number | undefined;
  message: string;
}

/**
 * A file that cannot be used. Lists every problem with its line, so a person can fix them
 * all in one go (ARCHITECTURE practice 2: strict loading, gentle errors).
 */
/** How many problems a file's message lists before it only counts the rest. */
const shownProblems = 20;

export class FileProblem extends InvalidInput {
  readonly file: string;
  readonly problems: Problem[];

  constructor(file: string, problems: Problem[]) {
    const first = problems[0];
    super(first ? `${file}${first.line ? `:${first.line}` : ''} ${first.path}`.trim() : file, 'is not valid');
    this.name = 'FileProblem';
    this.file = file;
    this.problems = problems;
    // A file with thousands of problems (say 20,000 duplicate rows) shows the first few and a count.
    const shown = problems.slice(0, shownProblems);
    const more = problems.length - shown.length;
    this.message = [
      `${file} is not valid:`,
      ...shown.map((p) => `  - line ${p.line ?? '?'}${p.path ? `, ${p.path}` : ''}: ${p.message}`),
      ...(more > 0
        ? [`  … and ${more.toLocaleString('en-GB')} more (${problems.length.toLocaleString('en-GB')} in all)`]
        : []),
    ].join('\n');
  }
}

/** A parsed YAML file that remembers where each value came from. */
export interface YamlFile {
  file: string;
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML strictly: syntax errors and duplicate keys are refused with their line, and so
 * is text the text rule refuses (src/text-file.ts), whether written as it is or as an escape
 * in a quoted string ("\0", "\ud800").
 */
export function readYamlFile(file: string, given?: string): YamlFile {
  const text = given ?? readTextFile(file);
  if (given !== undefined) requireWellFormedLines(given, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new FileProblem(
      file,
      doc.errors.map((e) => ({
        path: '',
        line: lineCounter.linePos(e.pos[0]).line,
        message: e.code === 'DUPLICATE_KEY' ? 'a key appears twice in the same mapping' : e.message,
      })),
    );
  }
  const value = doc.toJS();
  const illFormed = findIllFormedText(value, '', { allowLineBreaks: true });
  if (illFormed) {
    const path = pathOf(value, illFormed.field);
    throw new FileProblem(file, [
      { path: formatPath(path), line: lineOf(doc, lineCounter, path), message: illFormed.problem },
    ]);
  }
  return { file, value, lineOf: (path) => lineOf(doc, lineCounter, path) };
}

/** A JSON pointer into `value` as a path, with list positions as numbers (`funds[0].host`). */
function pathOf(value: unknown, pointer: string): PropertyKey[] {
  const path: PropertyKey[] = [];
  let at = value;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    const step = Array.isArray(at) ? Number(key) : key;
    path.push(step);
    at = (at as Record<PropertyKey, unknown> | undefined)?.[step];
  }
  return path;
}

function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  // Walk up from the exact node to the nearest ancestor that exists (a missing key has no node).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] };
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Writes a path as people read it: `versions[0].cite[1].source`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Validates a value against a schema; every issue becomes a problem with its line. */
export function validate<T>(
  yaml: YamlFile,
  schema: z.ZodType<T>,
  value: unknown,
  at: readonly PropertyKey[] = [],
): T {
  if (value === null || value === undefined) {
    throw new FileProblem(yaml.file, [
      {
        path: formatPath(at),
        line: at.length ? yaml.lineOf(at) : 1,
        message: at.length ? 'is empty' : 'the file is empty: it holds no YAML mapping to read',
      },
    ]);
  }
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new FileProblem(
    yaml.file,
    result.error.issues.map((issue) => {
      // An unknown key is best shown on its own line, not on the mapping that holds it.
      const path = [
        ...at,
        ...issue.path,
        ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : []),
      ];
      return { path: formatPath(path), line: yaml.lineOf(path), message: describeIssue(issue) };
    }),
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}: remove or correct ${issue.keys.length > 1 ? 'them' : 'it'}`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`;
  }
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `is required (${issue.expected})`;
    if (issue.expected === 'string' && typeof issue.input === 'number')
      return `must be text, not the number ${issue.input}: write it in quotes, for example '${issue.input}' for a decimal or '${issue.input}%' for a percentage`;
    return `must be ${issue.expected === 'string' ? 'text' : `a ${issue.expected}`}, not ${describeValue(issue.input)}`;
  }
  return issue.message;
}

function describeValue(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `the ${typeof v} ${String(v)}`;
}
