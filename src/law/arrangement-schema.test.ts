import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arrangementJsonSchema, arrangementSchemaFile } from './arrangement-schema.ts';

describe('published arrangement JSON Schema', () => {
  it('is up to date with the code (regenerate with `npm run schema`)', () => {
    expect(readFileSync(arrangementSchemaFile, 'utf8')).toBe(arrangementJsonSchema());
  });
});
