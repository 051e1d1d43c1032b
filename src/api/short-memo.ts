/** How long a remembered answer is trusted without asking the database again. */
export const memoMs = 1000;
const maxRemembered = 10_000;

/**
 * Answers remembered for one second ("micro-caching"). Many requests for the same thing in
 * the same second (a client's session, a popular registry search) then cost one database
 * query a second instead of one a request. Anything changed elsewhere (another server, an
 * import, a role change) shows within the second; `forget` makes a change made here show at
 * once. Each app has its own memos, so tests and databases never share answers.
 */
export class ShortMemo<V> {
  private readonly seen = new Map<string, { value: Promise<V>; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The answer for `key`: remembered if asked within the last second, else from `load`. */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const at = this.now();
    const hit = this.seen.get(key);
    if (hit && hit.until > at) return hit.value;
    if (this.seen.size >= maxRemembered) this.dropExpired(at);
    const value = load();
    const entry = { value, until: at + memoMs };
    this.seen.set(key, entry);
    // A failed load is not remembered: the next request asks again.
    value.catch(() => {
      if (this.seen.get(key) === entry) this.seen.delete(key);
    });
    return value;
  }

  forget(key: string): void {
    this.seen.delete(key);
  }

  private dropExpired(at: number): void {
    for (const [key, entry] of this.seen) if (entry.until <= at) this.seen.delete(key);
    // Still full of live entries (a flood of distinct keys): start again rather than grow.
    if (this.seen.size >= maxRemembered) this.seen.clear();
  }
}
