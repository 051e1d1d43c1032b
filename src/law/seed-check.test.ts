import { describe, expect, it } from 'vitest';
import { Rulebook, type RuleEntry } from './rulebook.ts';
import type { Source } from './schema.ts';
import { compareEntry, figureAppears, figuresOf, provenanceFrom, scriptedRole } from './seed-check.ts';
import { readSeedText } from './seed-text.ts';

const seedSource: Source = {
  id: 'paper',
  title: 'A paper',
  type: 'paper',
  publisher: 'NHS England',
  date: '2018-08-03',
  seed: 'paper.txt',
  outside_seeds: false,
};
const act: Source = {
  ...seedSource,
  id: 'act',
  title: 'An Act',
  type: 'act',
  seed: undefined,
  outside_seeds: true,
};
const seeds = new Map([
  ['paper', readSeedText('1\t A term of up to ten years.\n2\t Reports within 3 months, and 2.5% at risk.')],
]);

function entry(versions: object[], outside_seeds = false): RuleEntry {
  return {
    id: 'test.rule',
    title: 'A rule',
    kind: 'parameter',
    topic: 'parameters',
    file: 'parameters/test.yaml',
    provenance: { unverified: 'not yet compared with anything' },
    outside_seeds,
    versions: versions as RuleEntry['versions'],
  };
}
const rulebook = (e: RuleEntry) =>
  new Rulebook(
    new Map([
      ['paper', seedSource],
      ['act', act],
    ]),
    new Map([[e.id, e]]),
  );
const provenance = (e: RuleEntry) => provenanceFrom(rulebook(e), e, compareEntry(e, seeds), '2026-12-05');
const cite = (source: string, at: string) => ({ source, at });

describe('the figures a rule states', () => {
  it('are its numbers and numeric text, not its dates, citations, or the rows and notes that locate it', () => {
    const figures = figuresOf({
      from: '2018-08-03',
      cite: [cite('paper', 'para 1')],
      row: 3,
      notes: [1, 2],
      value: '2.5',
      corridors: [{ up_to: '2%', provider_share: '100%' }],
      summary: 'Within 3 months',
    });
    expect(figures).toEqual([
      { field: 'value', value: '2.5' },
      { field: 'corridors.up_to', value: '2%' },
      { field: 'corridors.provider_share', value: '100%' },
    ]);
  });

  it('appear as whole numbers or as words, never as part of another number', () => {
    expect(figureAppears('10', 'up to ten years')).toBe(true);
    expect(figureAppears('2.5%', 'and 2.5% at risk')).toBe(true);
    expect(figureAppears('5', 'and 2.5% at risk')).toBe(false);
    expect(figureAppears('2', 'within 12 months')).toBe(false);
  });
});

describe('the provenance a comparison supports', () => {
  it('is verified when every citation is to a seed and its places and figures are there', () => {
    const e = entry([{ from: '2018-08-03', value: 10, unit: 'years', cite: [cite('paper', 'para 1')] }]);
    expect(provenance(e)).toEqual({
      verified: {
        against: 'the text of A paper (NHS England, August 2018), at para 1',
        on: '2026-12-05',
        by_role: scriptedRole,
      },
    });
  });

  it('is unverified, saying why, when a figure, a place or a source could not be compared', () => {
    const figure = entry([{ from: '2018-08-03', value: 28, unit: 'days', cite: [cite('paper', 'para 2')] }]);
    expect(provenance(figure)).toEqual({
      unverified:
        "The places it cites were found in the papers' text, but not the figures it states (value: 28): they are Concordat's own assumption or come from elsewhere.",
    });
    const place = entry([{ from: '2018-08-03', value: 3, unit: 'count', cite: [cite('paper', 'para 9')] }]);
    expect(provenance(place)).toEqual({
      unverified: "Not every place it cites was found in the papers' text: para 9 of A paper (not found).",
    });
    const both = entry([
      { from: '2018-08-03', value: 3, unit: 'count', cite: [cite('paper', 'para 2'), cite('act', 's.1')] },
    ]);
    expect(provenance(both)).toEqual({
      unverified:
        'Besides the NHS England papers Concordat is built on, it cites An Act; no comparison with it is recorded. The places it cites in those papers were found in their text.',
    });
    const outside = entry(
      [{ from: '2018-08-03', value: 3, unit: 'count', cite: [cite('paper', 'para 2')] }],
      true,
    );
    expect('unverified' in provenance(outside)).toBe(true);
  });
});
