import { formatDate, type IsoDate } from './date.ts';
import type { Rulebook, RuleEntry } from './rulebook.ts';
import type { Provenance } from './schema.ts';
import { findPlaces, type PlaceResult, type SeedText } from './seed-text.ts';

/**
 * A scripted comparison of the rulebook with the text of the seed papers
 * (rulebook/sources.yaml `seed`): every place a rule cites must exist in the seed, and every
 * figure the rule states must appear at those places. It checks citations and figures, not
 * the rule's reading of the text: `verified` records say so in their role.
 */

/** The role recorded on entries this comparison verified. */
export const scriptedRole =
  "an engineer, by a script that found each cited place in the paper's text and each figure the rule states there (not a review of the rule's reading of the text)";

/** The figures a version states: each number, or decimal or percentage written as text. */
export function figuresOf(version: object): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  const walk = (value: unknown, field: string) => {
    if (typeof value === 'number') out.push({ field, value: String(value) });
    else if (typeof value === 'string' && /^-?\d+(\.\d+)?%?$/.test(value)) out.push({ field, value });
    else if (Array.isArray(value)) for (const v of value) walk(v, field);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, field ? `${field}.${k}` : k);
  };
  // Dates, citations, and the row and note numbers that only locate a place, are not figures.
  for (const [key, value] of Object.entries(version)) {
    if (!['from', 'to', 'cite', 'row', 'notes'].includes(key)) walk(value, key);
  }
  return out;
}

const numberWords = 'zero one two three four five six seven eight nine ten eleven twelve'.split(' ');

/** Whether a figure appears in a text: as digits (not part of a longer number), or as a word up to twelve. */
export function figureAppears(value: string, text: string): boolean {
  const number = value.replace(/%$/, '');
  const digits = new RegExp(`(?<![\\d.])${number.replace('.', '\\.')}(?![\\d]|\\.\\d)`);
  const word = numberWords[Number(number)];
  return digits.test(text) || (word !== undefined && new RegExp(`\\b${word}\\b`, 'i').test(text));
}

/** What the comparison found for one entry. */
export interface EntryComparison {
  id: string;
  /** Sources the entry cites that have no seed text to compare with. */
  unseeded: string[];
  /** Each place found or not, with the citation (`source`, `at`) that named it. */
  places: (PlaceResult & { source: string; at: string })[];
  missingFigures: { field: string; value: string }[];
}

/** Compares every version of an entry with the seed papers it cites. */
export function compareEntry(entry: RuleEntry, seeds: ReadonlyMap<string, SeedText>): EntryComparison {
  const unseeded = new Set<string>();
  const places: EntryComparison['places'] = [];
  const missingFigures: EntryComparison['missingFigures'] = [];
  for (const version of entry.versions) {
    const texts: string[] = [];
    for (const c of version.cite) {
      const seed = seeds.get(c.source);
      if (!seed) {
        unseeded.add(c.source);
        continue;
      }
      for (const p of findPlaces(seed, c.at)) {
        places.push({ source: c.source, at: c.at, ...p });
        if (p.text) texts.push(p.text);
      }
    }
    if (unseeded.size) continue;
    const text = texts.join('\n');
    for (const f of figuresOf(version)) if (!figureAppears(f.value, text)) missingFigures.push(f);
  }
  return { id: entry.id, unseeded: [...unseeded], places, missingFigures };
}

/**
 * The provenance the comparison supports: verified when every citation is to a seed and every
 * place and figure was found there; otherwise unverified, saying what stopped it. An entry that
 * says it rests on sources outside the seeds (`outside_seeds`) is never verified by the seeds alone.
 */
export function provenanceFrom(
  rulebook: Rulebook,
  entry: RuleEntry,
  c: EntryComparison,
  on: IsoDate,
): Provenance {
  const found = c.places.filter((p) => !p.problem);
  const lost = c.places.filter((p) => p.problem);
  const title = (id: string) => rulebook.sources.get(id)?.title ?? id;
  if (c.unseeded.length) {
    const list = joinWords(c.unseeded.map(title));
    const one = c.unseeded.length === 1;
    if (!c.places.length) {
      return {
        unverified: `It cites ${list}, which ${one ? 'is' : 'are'} not among the ${papers}; no comparison with ${one ? 'it' : 'them'} is recorded.`,
      };
    }
    const seedPart = lost.length ? '' : ' The places it cites in those papers were found in their text.';
    return {
      unverified: `Besides the ${papers}, it cites ${list}; no comparison with ${one ? 'it' : 'them'} is recorded.${seedPart}`,
    };
  }
  if (lost.length) {
    const list = joinWords(lost.map((p) => `${p.place} of ${title(p.source)} (${p.problem})`));
    return { unverified: `Not every place it cites was found in the papers' text: ${list}.` };
  }
  if (c.missingFigures.length) {
    const list = joinWords([
      ...new Set(c.missingFigures.map((f) => `${f.field.replaceAll('_', ' ')}: ${f.value}`)),
    ]);
    return {
      unverified: `The places it cites were found in the papers' text, but not the figures it states (${list}): they are Concordat's own assumption or come from elsewhere.`,
    };
  }
  if (entry.outside_seeds) {
    return {
      unverified: `The places it cites were found in the papers' text, but the rule says it also rests on sources outside the ${papers}, which were not compared.`,
    };
  }
  return { verified: { against: againstOf(rulebook, found), on, by_role: scriptedRole } };
}

const papers = 'NHS England papers Concordat is built on';

/** "the text of Draft ICP Contract: a consultation (NHS England, August 2018), at paragraph 32" */
function againstOf(rulebook: Rulebook, places: EntryComparison['places']): string {
  const bySource = new Map<string, Set<string>>();
  for (const p of places) bySource.set(p.source, (bySource.get(p.source) ?? new Set()).add(p.at));
  const parts = [...bySource].map(([id, ats]) => {
    const s = rulebook.sources.get(id);
    const when = s ? `, ${formatDate(s.date).replace(/^\d+ /, '')}` : '';
    return `the text of ${s?.title ?? id} (${s?.publisher ?? 'unknown publisher'}${when}), at ${[...ats].join('; ')}`;
  });
  return parts.join('; and ');
}

function joinWords(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
