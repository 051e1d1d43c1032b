import { InvalidInput } from '../../core/errors.ts';

/** Where `--omop` points: an OMOP CDM v5.4 schema in PostgreSQL. */
export interface OmopDatabaseUrl {
  /** What the driver connects with (the URL without `schema`). */
  connection: string;
  schema: string;
  /** The URL as messages show it: any password left out. */
  shown: string;
}

export const urlHint =
  'Give it as postgres://user@host:5432/database?schema=cdm (schema defaults to public).';

/** `postgres://user@host:5432/db?schema=cdm`, split into what connects and the schema. */
export function parseOmopUrl(url: string): OmopDatabaseUrl {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // The text is not shown: it may hold a password.
  }
  if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol)) {
    throw new InvalidInput('--omop', 'is not a PostgreSQL URL', urlHint);
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (schema === '') throw new InvalidInput('--omop', 'names an empty schema', urlHint);
  parsed.searchParams.delete('schema');
  const connection = parsed.toString();
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (/password/i.test(name)) parsed.searchParams.delete(name);
  }
  parsed.searchParams.set('schema', schema);
  return { connection, schema, shown: parsed.toString() };
}
