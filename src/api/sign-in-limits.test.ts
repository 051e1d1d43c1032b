import { describe, expect, it } from 'vitest';
import { type Attempt, type LimitRefusal, SignInLimiter, signInLimits } from './sign-in-limits.ts';

const minute = 60_000;
const start = Date.UTC(2026, 3, 1, 9, 0);

/** A limiter on a clock the test moves by hand. */
function limiterAt() {
  const clock = { now: start };
  return { clock, limiter: new SignInLimiter(() => clock.now) };
}

function attempt(limiter: SignInLimiter, email: string, address: string): Attempt {
  const started = limiter.begin(email, address);
  if ('refused' in started) throw new Error(`refused: ${JSON.stringify(started.refused)}`);
  return started.attempt;
}

function refusal(limiter: SignInLimiter, email: string, address: string): LimitRefusal | undefined {
  const started = limiter.begin(email, address);
  return 'refused' in started ? started.refused : undefined;
}

describe('sign-in limits', () => {
  it('are 10 failures an account and 100 an address in 15 minutes', () => {
    expect(signInLimits).toEqual({
      account: { max: 10, windowMs: 15 * minute },
      address: { max: 100, windowMs: 15 * minute },
    });
  });

  it('refuse an account after 10 failures from any addresses, until the oldest is 15 minutes old', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 10; i++) {
      attempt(limiter, 'Alice@example.nhs.uk', `10.0.0.${i}`);
      clock.now += minute;
    }
    // Any case of the e-mail is the same account; any address is refused.
    expect(refusal(limiter, 'alice@EXAMPLE.nhs.uk', '192.0.2.1')).toEqual({
      scope: 'account',
      retryAt: new Date(start + 15 * minute),
      retryAfterSeconds: 5 * 60,
    });
    expect(refusal(limiter, 'bob@example.nhs.uk', '10.0.0.1')).toBeUndefined();
    clock.now = start + 15 * minute - 1;
    expect(refusal(limiter, 'alice@example.nhs.uk', '192.0.2.1')?.retryAfterSeconds).toBe(1);
    clock.now = start + 15 * minute;
    // The first failure has aged out: one more attempt, then refused until the second ages out.
    attempt(limiter, 'alice@example.nhs.uk', '192.0.2.1');
    expect(refusal(limiter, 'alice@example.nhs.uk', '192.0.2.1')?.retryAt).toEqual(
      new Date(start + 16 * minute),
    );
  });

  it('count attempts in flight, so guesses sent together cannot outrun the limit', () => {
    const { limiter } = limiterAt();
    // Ten attempts begun, none yet known to have failed.
    for (let i = 0; i < 10; i++) attempt(limiter, 'alice@example.nhs.uk', '10.0.0.1');
    expect(refusal(limiter, 'alice@example.nhs.uk', '10.0.0.2')?.scope).toBe('account');
  });

  it('start an account again after a correct password, and never count it against the address', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 9; i++) attempt(limiter, 'alice@example.nhs.uk', '10.0.0.1');
    attempt(limiter, 'alice@example.nhs.uk', '10.0.0.1').succeeded();
    for (let i = 0; i < 10; i++) attempt(limiter, 'alice@example.nhs.uk', '10.0.0.2');
    expect(refusal(limiter, 'alice@example.nhs.uk', '10.0.0.2')?.scope).toBe('account');
    // 10.0.0.1 has 9 failures, not 10: 91 more from it are heard.
    for (let i = 0; i < 91; i++) attempt(limiter, `user${i}@example.nhs.uk`, '10.0.0.1');
    expect(refusal(limiter, 'someone@example.nhs.uk', '10.0.0.1')?.scope).toBe('address');
  });

  it('refuse an address after 100 failures across accounts, and only that address', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 100; i++) attempt(limiter, `user${i % 20}@example.nhs.uk`, '203.0.113.9');
    clock.now += minute;
    expect(refusal(limiter, 'carol@example.nhs.uk', '203.0.113.9')).toEqual({
      scope: 'address',
      retryAt: new Date(start + 15 * minute),
      retryAfterSeconds: 14 * 60,
    });
    // The same people from elsewhere are not refused: user0 has 5 failures, not 10.
    expect(refusal(limiter, 'user0@example.nhs.uk', '198.51.100.7')).toBeUndefined();
  });

  it('let the people behind one shared address sign in after each other’s mistakes', () => {
    const { limiter } = limiterAt();
    // Forty people at one trust each mistype once, and one of them three times.
    for (let i = 0; i < 40; i++) attempt(limiter, `staff${i}@example.nhs.uk`, '198.51.100.1');
    for (let i = 0; i < 3; i++) attempt(limiter, 'dan@example.nhs.uk', '198.51.100.1');
    for (let i = 0; i < 50; i++) attempt(limiter, `staff${i}@example.nhs.uk`, '198.51.100.1').succeeded();
    attempt(limiter, 'dan@example.nhs.uk', '198.51.100.1').succeeded();
  });
});
