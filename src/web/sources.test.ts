import { describe, expect, it } from 'vitest';
import { plainSources } from './sources.ts';

describe('plainSources', () => {
  it('names the paper and paragraph in place of the file number', () => {
    expect(plainSources('A key subcontractor must sign a direct agreement (seed 001, 57).')).toBe(
      'A key subcontractor must sign a direct agreement (Draft ICP Contract: a consultation (NHS England, August 2018), paragraph 57).',
    );
    expect(plainSources('seed 001 paragraphs 39–40')).toBe(
      'Draft ICP Contract: a consultation (NHS England, August 2018), paragraphs 39–40',
    );
  });

  it('never says "seeds"', () => {
    expect(plainSources('The seeds do not name it')).toBe('The source documents do not name it');
  });

  it('leaves other text alone', () => {
    expect(plainSources('Residents of the area')).toBe('Residents of the area');
  });
});
