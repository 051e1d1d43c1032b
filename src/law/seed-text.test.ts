import { describe, expect, it } from 'vitest';
import { findPlaces, readSeedText } from './seed-text.ts';

/** A made-up paper laid out as the seeds are: tab-numbered paragraphs, footnotes, two annexes. */
const paper = [
  'Contents 3',
  '1\t The first paragraph names a duty.',
  '1 A footnote to the first paragraph.',
  ' 2\t The second paragraph lists what the provider gives:',
  '•\t a plan each year',
  '•\t accounts within ten weeks',
  '3\t The third paragraph offers options:',
  'a)\t one way',
  'b)\t another way',
  '4\t The fourth lists its items with stops:',
  'a. first',
  'b. second',
  'ANNEX A',
  'Activity',
  'Planning of the \nservices (as well as the provider) by the commissioner',
  'ANNEX B',
  'A: A model with two services\tcolumn one\tcolumn two',
  'Note 1 – A note with items:',
  '•\t first item',
  '•\t second item',
  'Note 2 - Another note.',
  '(i) Exclusions',
  '- an item',
  '(ii) Something else',
].join('\n');
const seed = readSeedText(paper);
const problems = (at: string) => findPlaces(seed, at).map((p) => [p.place, p.problem ?? 'found']);

describe('reading a seed paper', () => {
  it('numbers paragraphs in sequence, so a footnote with the same number is not taken for one', () => {
    expect([...seed.paragraphs.keys()]).toEqual(['1', '2', '3', '4']);
    expect(seed.paragraphs.get('1')).toMatch(/^1\t The first paragraph/);
    expect(seed.numberedLines).toEqual(['1 A footnote to the first paragraph.']);
    expect([...seed.annexes.keys()]).toEqual(['A', 'B']);
  });

  it('reads the dotted and the bulleted numbering of the other seeds', () => {
    const dotted = readSeedText('2.30. One.\n 2.31. Two.\n2.32. Three.');
    expect([...dotted.paragraphs.keys()]).toEqual(['2.30', '2.31', '2.32']);
    const listed = readSeedText('1 Introduction 4\n- 1 One.\n- 2** Two.\n- 3** Three.');
    expect([...listed.paragraphs.keys()]).toEqual(['1', '2', '3']);
  });
});

describe('finding the places a citation names', () => {
  it('finds paragraphs, ranges, bullets, lettered items and footnotes', () => {
    expect(problems('paras 1-2 (second bullet), 3(a)-(b), 4(a) and footnote 1')).toEqual([
      ['footnote 1', 'found'],
      ['para 1', 'found'],
      ['para 2', 'found'],
      ['para 3', 'found'],
      ['para 4', 'found'],
    ]);
  });

  it('says which place is missing, and why', () => {
    expect(problems('para 2 (third bullet); para 3(c); paragraph 4(c); paragraph 5; footnote 7')).toEqual([
      ['para 2', 'has 2 bullets, not the third cited'],
      ['para 3', 'has no item (c)'],
      ['para 4', 'has no item (c)'],
      ['para 5', 'not found'],
      ['footnote 7', 'not found'],
    ]);
  });

  it('finds annex rows by name, leaving out bracketed glosses, and configurations, columns, notes and endnotes', () => {
    expect(problems('Annex A, row 1: Planning of the services (ours) by the commissioner')).toEqual([
      ['Annex A, row “Planning of the services by the commissioner”', 'found'],
    ]);
    expect(
      problems('Annex B, configuration A and note 1, second item; row A, columns 1 and 2; endnote (i)'),
    ).toEqual([
      ['Annex B, configuration A', 'found'],
      ['Annex B, note 1', 'found'],
      ['Annex B, row A, column 1', 'found'],
      ['Annex B, row A, column 2', 'found'],
      ['Annex B, endnote (i)', 'found'],
    ]);
    expect(problems('Annex B, configurations A to B; note 1, third item; row A, column 3')).toEqual([
      ['Annex B, configuration A', 'found'],
      ['Annex B, configuration B', 'not found'],
      ['Annex B, note 1', 'has 2 items, not the third cited'],
      ['Annex B, row A, column 3', 'not found'],
    ]);
    expect(problems('Annex A, row 2: Something the annex never says')[0]?.[1]).toBe('no row of that name');
    expect(problems('Annex C, note 1')).toEqual([['Annex C', 'not found']]);
  });
});
