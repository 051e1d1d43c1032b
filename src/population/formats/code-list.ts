import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { InvalidInput } from '../../core/errors.ts';
import { codeListDir } from '../../system/data-files.ts';
import { type Condition, conditionCodes } from '../model.ts';
import { csvRows } from './text-input.ts';

/**
 * The code list that turns diagnosis codes into Concordat's conditions (QOF register groups):
 * SNOMED CT concept ids and ICD-10 codes per condition, each list with its source. The one
 * shipped is `data/code-lists/conditions-v1.yaml`; a user can give their own (`--code-list`),
 * checked here line by line. Unmapped codes are simply not conditions.
 */
export const defaultCodeListPath = join(codeListDir, 'conditions-v1.yaml');

export interface CodeListSummary {
  path: string;
  version: string;
  name: string;
}

/** One ICD-10 entry: a code prefix (`I48`) or a range of prefixes of one length (`I20-I25`). */
interface IcdRule {
  from: string;
  to: string;
}

interface ConditionCodes {
  snomed: Map<string, string>;
  icd10: IcdRule[];
  exclude: IcdRule[];
  /** The first ICD-10 code written in the list, used when Concordat writes example data. */
  icd10Example?: string;
}

/**
 * An ICD-10 code as one token: upper case, no dot or dagger, and no filler after a
 * three-character category (`I10X`, `I10-` and `I10` are the same code).
 */
export function normaliseIcd10(code: string): string {
  const compact = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length > 3 && compact[3] === 'X' ? compact.slice(0, 3) : compact;
}

export const icd10Pattern = /^[A-Z]\d{2}[0-9A-Z]{0,4}$/;

// Verhoeff's check digit, which every SNOMED CT identifier ends with: products in the dihedral
// group D5 (0–4 its rotations, 5–9 its reflections), each digit first moved by a power of one
// permutation (its eighth power is the identity). Both tables are worked out, not copied.
const verhoeffD = Array.from({ length: 10 }, (_, j) =>
  Array.from({ length: 10 }, (_, k) => {
    if (j < 5) return k < 5 ? (j + k) % 5 : 5 + ((j + k) % 5);
    return k < 5 ? 5 + ((j - k + 5) % 5) : (j - k + 5) % 5;
  }),
);
const verhoeffStep = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
const verhoeffP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
for (let i = 1; i < 8; i++)
  verhoeffP.push((verhoeffP[i - 1] as number[]).map((d) => verhoeffStep[d] as number));

/**
 * A SNOMED CT concept id: 6–18 digits, no leading zero, a concept partition (`00` in the
 * international release, `10` in an extension such as the UK's) and a valid check digit.
 */
export function isSnomedConceptId(id: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(id)) return false;
  const partition = id.slice(-3, -1);
  if (partition !== '00' && partition !== '10') return false;
  let check = 0;
  for (let i = 0; i < id.length; i++) {
    const digit = Number(id[id.length - 1 - i]);
    check = (verhoeffD[check] as number[])[(verhoeffP[i % 8] as number[])[digit] as number] as number;
  }
  return check === 0;
}

export class CodeList {
  private readonly icdCache = new Map<string, Condition[]>();
  private readonly bySnomed = new Map<string, Condition[]>();
  constructor(
    readonly summary: CodeListSummary,
    private readonly codes: ReadonlyMap<Condition, ConditionCodes>,
  ) {
    for (const [condition, list] of codes) {
      for (const id of list.snomed.keys())
        this.bySnomed.set(id, [...(this.bySnomed.get(id) ?? []), condition]);
    }
  }

  /** The conditions a SNOMED CT concept id belongs to (none for most ids). */
  fromSnomed(id: string): readonly Condition[] {
    return this.bySnomed.get(id.trim()) ?? [];
  }

  /** The conditions an ICD-10 code falls under; give it normalised (`normaliseIcd10`). */
  fromIcd10(code: string): readonly Condition[] {
    const cached = this.icdCache.get(code);
    if (cached) return cached;
    const within = (r: IcdRule) => {
      const head = code.slice(0, r.from.length);
      return head.length === r.from.length && head >= r.from && head <= r.to;
    };
    const found = [...this.codes]
      .filter(([, list]) => list.icd10.some(within) && !list.exclude.some(within))
      .map(([condition]) => condition);
    this.icdCache.set(code, found);
    return found;
  }

  /** A code for each system that maps to the condition, for writing example data. */
  example(condition: Condition): { snomed?: { id: string; term: string }; icd10?: string } {
    const list = this.codes.get(condition);
    const first = list ? [...list.snomed][0] : undefined;
    return {
      ...(first ? { snomed: { id: first[0], term: first[1] } } : {}),
      ...(list?.icd10Example ? { icd10: list.icd10Example } : {}),
    };
  }
}

/** Reads and checks a code list; every problem names the file, the line and the field. */
export async function loadCodeList(path: string = defaultCodeListPath): Promise<CodeList> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidInput('--code-list', `cannot read '${path}'`, 'Give the path of a code list YAML file.');
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const fail = (node: Node | null | undefined, field: string, problem: string, hint?: string): never => {
    throw new InvalidInput(`${path} line ${lineOf(node)}, ${field}`, problem, hint);
  };
  const error = doc.errors[0];
  if (error) {
    throw new InvalidInput(
      `${path} line ${error.linePos?.[0].line ?? 1}`,
      'is not valid YAML',
      error.message,
    );
  }
  const root = doc.contents;
  if (!isMap(root)) fail(root, 'the file', 'is not a mapping', 'Start with version:, name: and conditions:.');
  const top = root as YAMLMap;
  const scalarText = (node: unknown, field: string): string => {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      return fail(node as Node, field, 'is not a single value');
    }
    return String(node.source ?? node.value).trim();
  };
  const version = scalarText(top.get('version', true), 'version');
  const name = top.has('name') ? scalarText(top.get('name', true), 'name') : 'Condition code list';
  const conditionsNode = top.get('conditions', true);
  if (!isMap(conditionsNode)) {
    return fail(
      conditionsNode ?? root,
      'conditions',
      'is missing or not a mapping',
      'List each condition code under conditions:.',
    );
  }
  const codes = new Map<Condition, ConditionCodes>();
  for (const item of conditionsNode.items) {
    const key = scalarText(item.key, 'conditions');
    if (!conditionCodes.includes(key as Condition)) {
      fail(
        item.key as Node,
        `conditions.${key}`,
        `'${key}' is not a Concordat condition`,
        `Use one of ${conditionCodes.join(', ')}.`,
      );
    }
    const condition = key as Condition;
    if (codes.has(condition)) fail(item.key as Node, `conditions.${key}`, 'appears twice');
    if (!isMap(item.value))
      fail(item.value as Node, `conditions.${key}`, 'is not a mapping', 'Give snomed: and/or icd10: lists.');
    const entry = item.value as YAMLMap;
    const list: ConditionCodes = { snomed: new Map(), icd10: [], exclude: [] };
    for (const part of entry.items) {
      const partName = scalarText(part.key, `conditions.${key}`);
      const field = `conditions.${key}.${partName}`;
      if (partName !== 'snomed' && partName !== 'icd10')
        fail(part.key as Node, field, 'is not snomed or icd10');
      if (!isMap(part.value))
        fail(part.value as Node, field, 'is not a mapping', 'Give source: and the codes.');
      const body = part.value as YAMLMap;
      const source = body.get('source', true);
      if (!source || scalarText(source, `${field}.source`) === '') {
        fail(body, `${field}.source`, 'is missing', 'Say where the list comes from.');
      }
      if (partName === 'snomed') await readSnomed(body, field, path, fail, list.snomed, scalarText);
      else readIcd10(body, field, fail, list, scalarText);
    }
    if (list.snomed.size === 0 && list.icd10.length === 0) {
      fail(
        item.key as Node,
        `conditions.${key}`,
        'has no codes',
        'Give at least one SNOMED CT concept or ICD-10 code.',
      );
    }
    codes.set(condition, list);
  }
  return new CodeList({ path, version, name }, codes);
}

type Fail = (node: Node | null | undefined, field: string, problem: string, hint?: string) => never;
type ScalarText = (node: unknown, field: string) => string;

async function readSnomed(
  body: YAMLMap,
  field: string,
  listPath: string,
  fail: Fail,
  into: Map<string, string>,
  scalarText: ScalarText,
): Promise<void> {
  const concepts = body.get('concepts', true);
  if (concepts !== undefined) {
    if (!isMap(concepts))
      fail(concepts as Node, `${field}.concepts`, 'is not a mapping', 'Write each concept as `id: term`.');
    for (const c of (concepts as YAMLMap).items) {
      const id = scalarText(c.key, `${field}.concepts`);
      if (!isSnomedConceptId(id)) {
        fail(
          c.key as Node,
          `${field}.concepts`,
          `'${id}' is not a SNOMED CT concept id`,
          'A concept id has 6 to 18 digits and a valid check digit.',
        );
      }
      into.set(id, c.value === null ? '' : scalarText(c.value, `${field}.concepts.${id}`));
    }
  }
  // Whole reference sets, as the CSV files OpenCodelists publishes (a `code` column, `term` optional).
  const files = body.get('files', true);
  if (files !== undefined) {
    if (!isSeq(files))
      fail(files as Node, `${field}.files`, 'is not a list', 'List CSV files with a code column.');
    for (const f of (files as { items: unknown[] }).items) {
      const name = scalarText(f, `${field}.files`);
      const csv = isAbsolute(name) ? name : join(dirname(listPath), name);
      for await (const row of csvRows(csv, ['code'], ['term'])) {
        if (!isSnomedConceptId(row.get('code'))) row.refuse('code', 'is not a SNOMED CT concept id');
        into.set(row.get('code'), row.get('term'));
      }
    }
  }
}

function readIcd10(
  body: YAMLMap,
  field: string,
  fail: Fail,
  list: ConditionCodes,
  scalarText: ScalarText,
): void {
  const rules = (key: 'codes' | 'exclude'): IcdRule[] => {
    const node = body.get(key, true);
    if (node === undefined) return [];
    if (!isSeq(node))
      return fail(node as Node, `${field}.${key}`, 'is not a list', 'Write codes like [I48, I20-I25].');
    return (node.items as unknown[]).map((item) => {
      const text = scalarText(item, `${field}.${key}`);
      const [from = '', to = from, ...rest] = text.split('-').map(normaliseIcd10);
      if (
        rest.length > 0 ||
        !icd10Pattern.test(from) ||
        !icd10Pattern.test(to) ||
        from.length !== to.length ||
        from > to
      ) {
        return fail(
          item as Node,
          `${field}.${key}`,
          `'${text}' is not an ICD-10 code or range`,
          'Write a code (I48, N18.3) or a range of codes of one length (I20-I25).',
        );
      }
      return { from, to };
    });
  };
  list.icd10 = rules('codes');
  list.exclude = rules('exclude');
  if (list.icd10.length === 0) fail(body, `${field}.codes`, 'is missing or empty');
  list.icd10Example = list.icd10[0]?.from;
}
