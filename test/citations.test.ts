import { describe, expect, it } from 'vitest';
import { loadRulebook } from '../src/law/rulebook.ts';

/**
 * Sources with no official address, each with the reason. Adding to this list is a decision
 * to write down: every other citation must open its source.
 */
const withoutAddress: Record<string, string> = {
  'nhs-gp-icb-map-2026':
    "NHS England's monthly GP registration publication: the address of the August 2026 release has not been confirmed, so none is given rather than a guess.",
  'reference-figures':
    "The project's own notes of QOF and CQUIN figures seen in public sources; the primary sources (the Statement of Financial Entitlements, the CQUIN guidance) are still to be cited in their place.",
};

describe('citations', () => {
  const rulebook = loadRulebook();
  const cited = [...rulebook.entries.values()].flatMap((entry) =>
    entry.versions.flatMap((v) => rulebook.resolve(v.cite).map((c) => ({ rule: entry.id, ...c }))),
  );

  it('are there to check', () => {
    expect(cited.length).toBeGreaterThan(100);
  });

  it('each resolve to a source with an official web address', () => {
    const missing = cited
      .filter((c) => !c.url && !(c.source in withoutAddress))
      .map((c) => `${c.rule} cites ${c.source} (${c.at ?? ''}), which has no url in rulebook/sources.yaml`);
    expect(missing).toEqual([]);
  });

  it('link Acts and regulations to legislation.gov.uk and papers to their publisher', () => {
    for (const [id, s] of rulebook.sources) {
      if (s.type === 'act' || s.type === 'regulations')
        expect(s.url, id).toMatch(/^https:\/\/www\.legislation\.gov\.uk\//);
      if (s.publisher.startsWith('NHS England') && !(id in withoutAddress))
        expect(s.url, id).toMatch(
          /^https:\/\/([a-z]+\.)*england\.nhs\.uk\/|^https:\/\/github\.com\/nhsengland\//,
        );
    }
  });

  it('keeps the list of sources without an address to those that exist and have none', () => {
    for (const id of Object.keys(withoutAddress)) {
      expect(rulebook.sources.get(id), id).toBeDefined();
      expect(rulebook.sources.get(id)?.url, id).toBeUndefined();
    }
  });
});
