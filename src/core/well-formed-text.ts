import { InvalidInput } from './errors.ts';

/**
 * The one rule for text that enters Concordat, at every boundary (API bodies, query strings,
 * path parameters, CLI arguments and files): well-formed Unicode, with no NUL and no other C0
 * control character, except tab and newline where a field allows running text.
 *
 * Why: PostgreSQL refuses NUL, and stores a lone UTF-16 surrogate as U+FFFD, so text that
 * breaks this rule either fails deep inside a write or is stored as something other than what
 * the audit log hashed. Refusing it at the door keeps what is hashed and what is stored the same.
 */
export interface TextRule {
  /** Tab and newline are allowed (running text such as reasons and descriptions). */
  allowLineBreaks: boolean;
}

/** What is wrong with `text` under the rule, in plain words, or undefined when it is fine. */
export function textProblem(text: string, rule: TextRule): string | undefined {
  if (loneSurrogate.test(text)) {
    return 'contains a broken character (a lone UTF-16 surrogate); send well-formed Unicode text';
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 0x7f) continue;
    if (rule.allowLineBreaks && (code === 0x09 || code === 0x0a)) continue;
    if (code === 0) return 'contains a NUL character (U+0000), which cannot be stored';
    return `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${i + 1}; remove it${rule.allowLineBreaks ? ' (only tab and newline are allowed)' : ''}`;
  }
  return undefined;
}

/** The first string (or object key) in a parsed value that breaks the rule, with its JSON-pointer-style path. */
export function findIllFormedText(
  value: unknown,
  path: string,
  rule: TextRule,
  depth = 0,
): { field: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value, rule);
    return problem ? { field: path, problem } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  // JSON nested this deep is not a Concordat document; refusing it also bounds the walk.
  if (depth > 64) return { field: path, problem: 'is nested too deeply (more than 64 levels)' };
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    const keyProblem = textProblem(key, { allowLineBreaks: false });
    const field = `${path}/${escapePointer(key)}`;
    if (keyProblem) return { field, problem: `has a field name that ${keyProblem}` };
    const found = findIllFormedText(child, field, rule, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws InvalidInput naming the field when `value` holds ill-formed text. */
export function requireWellFormedText(value: unknown, path: string, rule: TextRule): void {
  const found = findIllFormedText(value, path, rule);
  if (found) throw new InvalidInput(found.field, found.problem);
}

/** With the `u` flag a lone surrogate is a code point of category Cs; a proper pair is not. */
const loneSurrogate = /\p{Cs}/u;

/**
 * `text` as UTF-8 (and so PostgreSQL) keeps it: each lone surrogate becomes U+FFFD, the
 * replacement character. Identity on well-formed text.
 */
export function asStored(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

function escapePointer(key: string): string {
  // A broken key is reported by its problem, not printed: keep the path itself well-formed.
  return asStored(key).replaceAll('~', '~0').replaceAll('/', '~1');
}
