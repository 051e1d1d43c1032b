import { describe, expect, it } from 'vitest';
import { describeProvenance } from './provenance.ts';

describe('a rule’s provenance in words', () => {
  it('says what was compared, when and by whom, or why nothing was', () => {
    expect(
      describeProvenance({
        verified: {
          against: 'the text of a paper, at paragraph 32',
          on: '2026-12-05',
          by_role: 'an engineer',
        },
      }),
    ).toBe(
      'Verified against the text of a paper, at paragraph 32. Checked on 5 December 2026 by an engineer.',
    );
    expect(describeProvenance({ unverified: 'Seen in a secondary source only.' })).toBe(
      'Not verified against its sources. Seen in a secondary source only.',
    );
  });
});
