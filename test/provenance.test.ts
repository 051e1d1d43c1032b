import { describe, expect, it } from 'vitest';
import { today } from '../src/law/date.ts';
import { loadRulebook } from '../src/law/rulebook.ts';
import { scriptedRole } from '../src/law/seed-check.ts';

/** Issue 15: each rule says how it was verified, and claims no more than was done. */
describe('the provenance of the rules', () => {
  const rulebook = loadRulebook();
  const entries = [...rulebook.entries.values()];

  it('records every figure seen in a secondary source only as unverified, for that reason', () => {
    const secondary = entries.filter((e) =>
      e.versions.some((v) => /secondary source/i.test(JSON.stringify(v))),
    );
    expect(secondary.length).toBeGreaterThan(0);
    for (const e of secondary) {
      expect(e.provenance, e.id).toEqual({
        unverified: expect.stringMatching(/^Seen in a secondary source only: /),
      });
    }
  });

  it('claims the seed comparison only for rules that cite nothing but the seed papers, naming each', () => {
    const byScript = entries.filter(
      (e) => 'verified' in e.provenance && e.provenance.verified.by_role === scriptedRole,
    );
    expect(byScript.length).toBeGreaterThan(100);
    for (const e of byScript) {
      expect(e.outside_seeds, e.id).toBe(false);
      const against = 'verified' in e.provenance ? e.provenance.verified.against : '';
      for (const c of e.versions.flatMap((v) => v.cite)) {
        const source = rulebook.sources.get(c.source);
        expect(source?.seed, `${e.id} cites ${c.source}`).toBeDefined();
        expect(against, e.id).toContain(`the text of ${source?.title}`);
        expect(against, e.id).toContain(c.at);
      }
    }
  });

  it('dates no verification after today', () => {
    const late = entries.filter((e) => 'verified' in e.provenance && e.provenance.verified.on > today());
    expect(late.map((e) => e.id)).toEqual([]);
  });
});
