import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { defaultRulebookDir, loadRulebook } from '../src/law/rulebook.ts';

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

describe('citations at a page of the PDF', () => {
  const rulebook = loadRulebook();

  it('name the page of a paragraph whose page the seed shows, and open the publication page while the PDF address is unconfirmed', () => {
    const [para60, row3, para61] = rulebook.resolve([
      { source: 'icp-contract-2018', at: 'para 60' },
      { source: 'ccg-roles-2018', at: 'Annex A, row 3: Allocating CCG-level resources' },
      { source: 'icp-contract-2018', at: 'paras 61, 63 and 66' },
    ]);
    expect(para60).toMatchObject({ page: 21, text: expect.stringMatching(/, para 60 \(PDF page 21\)$/) });
    expect(para60?.url).toBe(rulebook.sources.get('icp-contract-2018')?.url);
    expect(row3?.text).toMatch(/row 3: Allocating CCG-level resources \(Annex A begins on PDF page 10\)$/);
    expect(para61?.page).toBeUndefined();
    expect(para61?.text).toMatch(/paras 61, 63 and 66$/);
  });

  it('open the PDF at the page (#page=N) once the PDF address is known', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concordat-rulebook-'));
    try {
      cpSync(defaultRulebookDir, dir, { recursive: true });
      const file = join(dir, 'sources.yaml');
      const sources = parse(readFileSync(file, 'utf8')) as { id: string; pdf?: string }[];
      const icp = sources.find((s) => s.id === 'icp-contract-2018');
      if (!icp) throw new Error('no icp-contract-2018 in the sources');
      icp.pdf = 'https://www.england.nhs.uk/example/draft-icp-contract-consultation.pdf';
      writeFileSync(file, stringify(sources));
      const [para60, para61] = loadRulebook(dir).resolve([
        { source: 'icp-contract-2018', at: 'para 60 (selecting an ICP)' },
        { source: 'icp-contract-2018', at: 'paras 61, 63 and 66' },
      ]);
      expect(para60?.url).toBe(`${icp.pdf}#page=21`);
      expect(para61?.url).toBe(icp.pdf);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('take page numbers only from a seed, for places a citation can name', () => {
    for (const [id, s] of rulebook.sources) {
      if (!s.pages) continue;
      expect(s.seed, id).toBeDefined();
      for (const [place, page] of Object.entries(s.pages)) {
        expect(place, id).toMatch(/^(para \d+|Annex [A-Z])$/);
        expect(page, `${id} ${place}`).toBeGreaterThan(1);
      }
    }
  });
});
