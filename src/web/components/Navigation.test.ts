import { describe, expect, it } from 'vitest';
import { sectionsThatFit } from './Navigation.tsx';

describe('sectionsThatFit', () => {
  it('keeps every section when they all fit', () => {
    expect(sectionsThatFit([100, 100, 100], 300)).toBe(3);
  });

  it('keeps room for the More button when some do not fit', () => {
    // 96 px for "More" leaves 204 px: two sections of 100 px.
    expect(sectionsThatFit([100, 100, 100], 299)).toBe(2);
    expect(sectionsThatFit([100, 100, 100], 150)).toBe(0);
  });
});
