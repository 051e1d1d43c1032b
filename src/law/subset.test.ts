import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendTo, containsSubset, mergePatch } from './subset.ts';

describe('containsSubset', () => {
  it('matches objects by the keys expected and arrays by membership', () => {
    const actual = { lawful: false, findings: [{ rule: 'a', severity: 'error' }, { rule: 'b' }] };
    expect(containsSubset(actual, { findings: [{ rule: 'a' }] })).toBe(true);
    expect(containsSubset(actual, { findings: [{ rule: 'a', severity: 'warning' }] })).toBe(false);
    expect(containsSubset(actual, { lawful: true })).toBe(false);
    expect(containsSubset(actual, { missing: 1 })).toBe(false);
  });

  it('finds every value inside itself', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => containsSubset(v, v)));
  });
});

describe('patches', () => {
  it('merges objects and replaces arrays', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3 }, d: [2] })).toEqual({
      a: { b: 1, c: 3 },
      d: [2],
    });
  });
  it('appends to arrays', () => {
    expect(appendTo({ d: [1] }, { d: [2], e: [3] })).toEqual({ d: [1, 2], e: [3] });
  });
});
