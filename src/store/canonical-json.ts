import { asStored } from '../core/well-formed-text.ts';

/**
 * The canonical form the audit log hashes, defined once: JSON with object keys sorted at every
 * level (PostgreSQL's jsonb does not keep key order) and every string, keys included, as
 * PostgreSQL stores it (a lone UTF-16 surrogate becomes U+FFFD, as UTF-8 encoding makes it).
 * Where two keys become the same, the last one wins, as in jsonb. So the hash is over exactly
 * what a round trip through the database gives back.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(asStored(value));
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const stored = new Map<string, unknown>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) stored.set(asStored(k), v);
  }
  const entries = [...stored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
