import { describe, expect, it } from 'vitest';
import { memoMs, ShortMemo } from './short-memo.ts';

function counting<V>(value: V) {
  const calls: number[] = [];
  return { calls, load: async () => (calls.push(calls.length), value) };
}

describe('answers remembered for a second', () => {
  it('loads once a second per key, and again once the second is up', async () => {
    let now = 0;
    const memo = new ShortMemo<string>(() => now);
    const db = counting('Ada');
    expect(await memo.get('t', db.load)).toBe('Ada');
    now = memoMs - 1;
    expect(await memo.get('t', db.load)).toBe('Ada');
    expect(db.calls).toHaveLength(1);
    now = memoMs;
    await memo.get('t', db.load);
    expect(db.calls).toHaveLength(2);
  });

  it('keeps keys apart', async () => {
    const memo = new ShortMemo<string>(() => 0);
    await memo.get('a', counting('A').load);
    expect(await memo.get('b', counting('B').load)).toBe('B');
  });

  it('forgets a key at once when told', async () => {
    const memo = new ShortMemo<string | undefined>(() => 0);
    await memo.get('t', counting<string | undefined>('Ada').load);
    memo.forget('t');
    expect(await memo.get('t', counting<string | undefined>(undefined).load)).toBeUndefined();
  });

  it('does not remember a failed load', async () => {
    const memo = new ShortMemo<string>(() => 0);
    await expect(memo.get('t', () => Promise.reject(new Error('database down')))).rejects.toThrow();
    expect(await memo.get('t', counting('Ada').load)).toBe('Ada');
  });
});
