import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate } from './dates.ts';
import { describeProvenance, isChecked, notYetChecked, provenanceInBrief } from './provenance.ts';

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Words as the rulebook writes them: letters, figures and punctuation, perhaps over several lines. */
const words = fc
  .array(fc.stringMatching(/^[A-Za-z0-9(),:;'’-]{1,12}$/), { minLength: 1, maxLength: 12 })
  .chain((w) => fc.constantFrom(' ', '\n', ' \n  ').map((gap) => w.join(gap)));

describe('a rule’s provenance in words', () => {
  it('says what was compared, on which day and by whom, in one sentence', () => {
    expect(
      describeProvenance({
        verified: {
          against: 'the 2018 ICP Contract consultation, paragraph 14',
          on: '2026-12-03',
          by_role: 'a commissioning lead',
        },
      }),
    ).toBe(
      'Checked against the 2018 ICP Contract consultation, paragraph 14, on 3 December 2026 by a commissioning lead.',
    );
  });

  it('fits a table cell in brief: the day it was checked, or not yet', () => {
    const verified = { against: 'paragraph 14', on: '2026-12-03', by_role: 'a commissioning lead' };
    expect(provenanceInBrief({ verified })).toBe('Yes, on 3 December 2026');
    expect(provenanceInBrief({ unverified: 'Seen in a secondary source only.' })).toBe('Not yet');
  });

  it('says plainly that a rule has not been checked, then why, keeping the reason as written', () => {
    expect(describeProvenance({ unverified: 'Seen in a secondary source only: a news report.' })).toBe(
      'Not yet checked against its published sources. Seen in a secondary source only: a news report.',
    );
    expect(describeProvenance({ unverified: 'Health and Care Act 2022 was not compared' })).toBe(
      'Not yet checked against its published sources. Health and Care Act 2022 was not compared.',
    );
  });

  it('names the source, the day as people write it and the role of any verification, ending once', () => {
    fc.assert(
      fc.property(words, day, words, (against, on, by_role) => {
        const p = { verified: { against, on, by_role } };
        const text = describeProvenance(p);
        const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
        expect(isChecked(p)).toBe(true);
        expect(text.startsWith(`Checked against ${flat(against).replace(/\.+$/, '')}, on `)).toBe(true);
        expect(text).toContain(` on ${formatDate(on)} by ${flat(by_role).replace(/\.+$/, '')}`);
        expect(text).not.toMatch(/\n|\s{2}|\.\.$/);
        expect(text.endsWith('.')).toBe(true);
        expect(text).not.toContain(notYetChecked);
      }),
    );
  });

  it('never lets an unverified rule read as checked, and always gives the reason', () => {
    fc.assert(
      fc.property(words, (unverified) => {
        const p = { unverified };
        const text = describeProvenance(p);
        expect(isChecked(p)).toBe(false);
        expect(text.startsWith(`${notYetChecked}. `)).toBe(true);
        expect(text).toContain(unverified.replace(/\s+/g, ' ').trim().replace(/\.+$/, ''));
        expect(text).not.toMatch(/^Checked|\n|\s{2}|\.\.$/);
        expect(text).toMatch(/[.?!]$/);
      }),
    );
  });
});
