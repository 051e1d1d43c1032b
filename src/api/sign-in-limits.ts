/**
 * Sign-in limits, counting failed attempts only (docs/security.md):
 *
 * - per account: guessing at one account is slowed however many addresses it comes from;
 * - per address: one address trying many accounts (password spraying) is slowed too, with a
 *   higher limit, so the people behind one shared (NAT) address are not refused for each
 *   other's typing mistakes, and a correct password never counts against the address.
 *
 * The counts are kept in this process's memory: see docs/security.md for why, and what that
 * means when there is more than one server.
 */

export interface Limit {
  /** Failed attempts allowed within the window; the next is refused until the oldest ages out. */
  max: number;
  windowMs: number;
}

export const signInLimits: Record<LimitScope, Limit> = {
  account: { max: 10, windowMs: 15 * 60_000 },
  address: { max: 100, windowMs: 15 * 60_000 },
};

export type LimitScope = 'account' | 'address';

/** A refused attempt: which limit was reached, and when the next attempt will be heard. */
export interface LimitRefusal {
  scope: LimitScope;
  retryAt: Date;
  /** Whole seconds until then (at least one), for the Retry-After header. */
  retryAfterSeconds: number;
}

/** An attempt in progress: counted as a failure until it is known to have succeeded. */
export interface Attempt {
  succeeded(): void;
}

/** Enough keys for every account and address active in a window; beyond it the oldest go. */
const maxKeys = 100_000;

export class SignInLimiter {
  /** Failure times by key (`account:` e-mail or `address:` IP), oldest first, within the window. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: Record<LimitScope, Limit> = signInLimits,
  ) {}

  /**
   * Starts an attempt to sign in to `email` from `address`, or refuses it. The attempt counts
   * as a failure at once, so many guesses sent together cannot all slip in before the first
   * is known to have failed; `succeeded` takes it back.
   */
  begin(email: string, address: string): { refused: LimitRefusal } | { attempt: Attempt } {
    const at = this.now();
    const keys = { account: `account:${email.toLowerCase()}`, address: `address:${address}` };
    for (const scope of ['account', 'address'] as const) {
      const { max, windowMs } = this.limits[scope];
      const recent = this.recent(keys[scope], at);
      const oldestThatMustGo = recent[recent.length - max];
      if (oldestThatMustGo !== undefined) {
        const retryAt = oldestThatMustGo + windowMs;
        const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - at) / 1000));
        return { refused: { scope, retryAt: new Date(retryAt), retryAfterSeconds } };
      }
    }
    this.record(keys.account, at);
    this.record(keys.address, at);
    return {
      attempt: {
        succeeded: () => {
          // The account's count starts again; the address keeps its other failures.
          this.failures.delete(keys.account);
          const times = this.failures.get(keys.address);
          const i = times?.lastIndexOf(at) ?? -1;
          if (times && i >= 0) times.splice(i, 1);
        },
      },
    };
  }

  private recent(key: string, at: number): number[] {
    const scope: LimitScope = key.startsWith('account:') ? 'account' : 'address';
    const since = at - this.limits[scope].windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  private record(key: string, at: number): void {
    const times = this.failures.get(key);
    if (times) {
      times.push(at);
      return;
    }
    if (this.failures.size >= maxKeys) this.forgetOldest(at);
    this.failures.set(key, [at]);
  }

  private forgetOldest(at: number): void {
    for (const key of this.failures.keys()) this.recent(key, at);
    // Still full of live counts (a flood from very many addresses): the longest-known go first.
    for (const key of this.failures.keys()) {
      if (this.failures.size < maxKeys) break;
      this.failures.delete(key);
    }
  }
}
