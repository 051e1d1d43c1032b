import { describe, expect, it } from 'vitest';
import { decisionRule } from './decisions.ts';
import { decisions } from './kinds/decision.ts';
import { loadRulebook } from './rulebook.ts';

describe('reserved decisions', () => {
  const rulebook = loadRulebook();

  it('reserves every statutory decision to commissioners, with a citation, from August 2018', () => {
    for (const d of decisions) {
      const rule = decisionRule(rulebook, d, '2026-12-01');
      expect(rule?.reserved_to).toContain('commissioner');
      expect(rule?.reserved_to).not.toContain('provider');
      expect(rule?.citations.length).toBeGreaterThan(0);
    }
    expect(decisionRule(rulebook, 'decide-ifr', '2026-12-01')?.citations[0]?.text).toMatch(
      /CCG roles where ICPs are established.*para 18/,
    );
  });

  it('has no rule before the 2018 papers', () => {
    expect(decisionRule(rulebook, 'approve-subcontract', '2017-01-01')).toBeUndefined();
  });
});
