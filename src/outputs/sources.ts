import type { ResolvedCitation } from '../law/rulebook.ts';
import type { TableSource } from './table.ts';

/** The distinct documents and places a set of citations points to, in first-cited order. */
export function sourcesOf(citations: Iterable<ResolvedCitation | string>): TableSource[] {
  const seen = new Map<string, TableSource>();
  for (const c of citations) {
    const source = typeof c === 'string' ? { title: c } : { title: c.text, url: c.url };
    if (!seen.has(source.title)) seen.set(source.title, source);
  }
  return [...seen.values()];
}
