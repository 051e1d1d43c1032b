/** How many votes each candidate (a code) has. */
export type Votes = Map<string, number>;

/** Counts one vote of `from` for `to`. */
export function vote<From>(tallies: Map<From, Votes>, from: From, to: string): void {
  const votes = tallies.get(from) ?? new Map<string, number>();
  votes.set(to, (votes.get(to) ?? 0) + 1);
  tallies.set(from, votes);
}

/**
 * The candidate with the most votes; a tie goes to the code that sorts first, so the answer
 * never depends on the order the votes were counted in. '' when there are no votes.
 */
export function majority(votes: Votes): string {
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}
