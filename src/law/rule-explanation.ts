import type { IsoDate } from './date.ts';
import type { ResolvedCitation, Rulebook } from './rulebook.ts';
import type { Provenance } from './schema.ts';
import type { Topic } from './topics.ts';

/** One rule as a reader outside the rulebook needs it: what it says in each period, its sources, how far it was checked. */
export interface RuleExplanation {
  id: string;
  title: string;
  topic: Topic;
  provenance: Provenance;
  outside_seeds: boolean;
  versions: {
    from: IsoDate;
    to: IsoDate | null;
    /** What the version says in words: its summary, or a parameter's note; null when it has neither. */
    summary: string | null;
    citations: ResolvedCitation[];
  }[];
}

/** The rule with this id explained, oldest version first; undefined for an id the rulebook lacks. */
export function explainRule(rulebook: Rulebook, id: string): RuleExplanation | undefined {
  const entry = rulebook.entries.get(id);
  if (!entry) return undefined;
  return {
    id: entry.id,
    title: entry.title,
    topic: entry.topic,
    provenance: entry.provenance,
    outside_seeds: entry.outside_seeds,
    versions: entry.versions.map((v) => ({
      from: v.from,
      to: v.to ?? null,
      summary: summaryOf(v),
      citations: rulebook.resolve(v.cite),
    })),
  };
}

function summaryOf(version: object): string | null {
  if ('summary' in version && typeof version.summary === 'string') return version.summary;
  return 'note' in version && typeof version.note === 'string' ? version.note : null;
}
