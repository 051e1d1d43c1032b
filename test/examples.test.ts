import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readArrangementFile } from '../src/law/arrangement-file.ts';

describe('example arrangements', () => {
  const files = readdirSync('examples').filter((f) => f.endsWith('.yaml'));

  it('ships at least six', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s is a valid arrangement file', (file) => {
    expect(readArrangementFile(`examples/${file}`).name).toBeTruthy();
  });
});
