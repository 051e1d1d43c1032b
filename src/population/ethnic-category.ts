import { InvalidInput } from '../core/errors.ts';
import { readReferenceFile, referenceRows } from './reference-data.ts';

/**
 * The NHS Data Dictionary's ETHNIC CATEGORY (the 2001 census's 16 categories, Z "not stated"
 * and the default 99 "not known"), from data/reference/nhs-ethnic-category.csv, grouped into
 * the five high-level groups of the ONS Census 2021 classification (Chinese, R, sits with
 * Asian there, as in 2021 it moved from "Other") plus one group for not stated or not known.
 * The Data Dictionary sends the national code as the first of two characters and leaves the
 * second for local use, so "CA" groups as C.
 */
export const ethnicGroups = ['asian', 'black', 'mixed', 'white', 'other', 'unknown'] as const;
export type EthnicGroup = (typeof ethnicGroups)[number];

export const ethnicGroupNames: Record<EthnicGroup, string> = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or Multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
  unknown: 'Not stated or not known',
};

export interface EthnicCategory {
  code: string;
  description: string;
  group: EthnicGroup;
}

const header = 'code,description,ons_2021_group';

export function readEthnicCategories(csv: string): EthnicCategory[] {
  return referenceRows('nhs-ethnic-category.csv', csv, header).map(({ fields, where }) => {
    const [code = '', description = '', group = ''] = fields;
    if (!/^([A-Z]|99)$/.test(code)) throw new InvalidInput(where, `"${code}" is not a one-letter code or 99`);
    if (!(ethnicGroups as readonly string[]).includes(group))
      throw new InvalidInput(where, `"${group}" is not an ONS 2021 group`);
    return { code, description, group: group as EthnicGroup };
  });
}

export const ethnicCategories: readonly EthnicCategory[] = readEthnicCategories(
  readReferenceFile('nhs-ethnic-category.csv'),
);
const byCode = new Map(ethnicCategories.map((c) => [c.code, c]));
const letters = ethnicCategories.filter((c) => c.code.length === 1).map((c) => c.code);

/** A value as written in a record: a national code, optionally with a local second character, or 99. */
export const ethnicCategoryPattern = new RegExp(`^([${letters.join('')}][A-Za-z0-9]?|99)$`);

/** The national code of a written value ("CA" → "C"); "" for none; undefined when it is no code. */
export function nationalEthnicCode(written: string): string | undefined {
  const value = written.trim();
  if (value === '') return '';
  if (!ethnicCategoryPattern.test(value)) return undefined;
  return value === '99' ? value : value.slice(0, 1);
}

/** The group of a national code; a missing or unknown code is "not stated or not known". */
export function ethnicGroupOf(code: string): EthnicGroup {
  return byCode.get(code)?.group ?? 'unknown';
}

export const ethnicCategoryHint = `Use an NHS Data Dictionary ETHNIC CATEGORY code: ${letters.join(', ')}, or 99 for not known, or leave it empty.`;
