import { describe, expect, it } from 'vitest';
import { loadRulebook } from '../../law/rulebook.ts';
import { describeEntry } from './rulebook-text.ts';

describe('concordat explain', () => {
  const rulebook = loadRulebook();

  it('says how a rule was verified against its sources, or why it was not', () => {
    expect(describeEntry(rulebook, rulebook.entry('contract.term.maximum-years'))).toMatch(
      /^Verified against the text of Draft ICP Contract: a consultation \(NHS England, August 2018\), at paragraph 32\. Checked on \d+ \w+ \d{4} by an engineer, by a script/m,
    );
    expect(describeEntry(rulebook, rulebook.entry('money.cquin.rate'))).toMatch(
      /^Not verified against its sources\. Seen in a secondary source only: the 2023\/24 rate/m,
    );
  });
});
