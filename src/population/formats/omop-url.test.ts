import { describe, expect, it } from 'vitest';
import { parseOmopUrl } from './omop-url.ts';

describe('the --omop URL', () => {
  it('takes the schema out of what connects, and shows no password', () => {
    expect(parseOmopUrl('postgresql://a:b@h/d?schema=cdm&sslmode=require')).toEqual({
      connection: 'postgresql://a:b@h/d?sslmode=require',
      schema: 'cdm',
      shown: 'postgresql://a@h/d?sslmode=require&schema=cdm',
    });
    expect(parseOmopUrl('postgres://a@h:5433/d?password=b')).toEqual({
      connection: 'postgres://a@h:5433/d?password=b',
      schema: 'public',
      shown: 'postgres://a@h:5433/d?schema=public',
    });
  });

  it('refuses what is not a PostgreSQL URL without repeating it', () => {
    expect(() => parseOmopUrl('a:s3cret')).toThrow(/^--omop: is not a PostgreSQL URL\./);
    expect(() => parseOmopUrl('mysql://a:s3cret@h/d')).toThrow(/^--omop: is not a PostgreSQL URL\./);
    expect(() => parseOmopUrl('postgres://h/d?schema=')).toThrow(/^--omop: names an empty schema/);
  });
});
