import { describe, expect, it } from 'vitest';
import {
  ethnicCategories,
  ethnicGroupOf,
  nationalEthnicCode,
  readEthnicCategories,
} from './ethnic-category.ts';

describe('NHS ethnic categories', () => {
  it('has the 16 categories, not stated and not known, each in one ONS 2021 group', () => {
    expect(ethnicCategories.map((c) => c.code).join('')).toBe('ABCDEFGHJKLMNPRSZ99');
    const groupOf = (codes: string) => [...codes].map(ethnicGroupOf);
    expect(groupOf('ABC')).toEqual(['white', 'white', 'white']);
    expect(groupOf('DEFG')).toEqual(['mixed', 'mixed', 'mixed', 'mixed']);
    expect(groupOf('HJKLR')).toEqual(['asian', 'asian', 'asian', 'asian', 'asian']);
    expect(groupOf('MNP')).toEqual(['black', 'black', 'black']);
    expect(groupOf('SZ')).toEqual(['other', 'unknown']);
    expect(ethnicGroupOf('99')).toBe('unknown');
    expect(ethnicGroupOf('')).toBe('unknown');
  });

  it('reads a national code with a local second character, and refuses what is no code', () => {
    expect(nationalEthnicCode('CA')).toBe('C');
    expect(nationalEthnicCode(' A ')).toBe('A');
    expect(nationalEthnicCode('99')).toBe('99');
    expect(nationalEthnicCode('')).toBe('');
    for (const bad of ['I', 'O', 'Q', 'T', 'a', '9', '98', 'ABC', 'White'])
      expect(nationalEthnicCode(bad)).toBeUndefined();
  });

  it('refuses a table with a group that is not an ONS 2021 group, naming the line', () => {
    expect(() =>
      readEthnicCategories('code,description,ons_2021_group\nA,White - British,european\n'),
    ).toThrow(/line 2.*"european" is not an ONS 2021 group/);
    expect(() => readEthnicCategories('code,group\n')).toThrow(/header/);
  });
});
