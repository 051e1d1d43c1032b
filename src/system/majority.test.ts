import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majority, type Votes, vote } from './majority.ts';

const tallyOf = (ballots: readonly string[]): Votes => {
  const tallies = new Map<string, Votes>();
  for (const b of ballots) vote(tallies, 'pcn', b);
  return tallies.get('pcn') ?? new Map();
};

describe('majority', () => {
  it('goes to the most votes, a tie to the code that sorts first', () => {
    expect(majority(tallyOf(['E08000028', 'E08000027', 'E08000028']))).toBe('E08000028');
    expect(majority(tallyOf(['E08000028', 'E08000027']))).toBe('E08000027');
    expect(majority(new Map())).toBe('');
  });

  it('never depends on the order the votes were counted in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 1, maxLength: 30 }),
        (ballots) => {
          const winner = majority(tallyOf(ballots));
          expect(majority(tallyOf([...ballots].reverse()))).toBe(winner);
          expect(majority(tallyOf([...ballots].sort()))).toBe(winner);
          const count = (c: string) => ballots.filter((b) => b === c).length;
          for (const other of new Set(ballots)) {
            expect(count(winner) > count(other) || (count(winner) === count(other) && winner <= other)).toBe(
              true,
            );
          }
        },
      ),
    );
  });
});
