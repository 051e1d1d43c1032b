import { z } from 'zod';
import { Arrangement } from './arrangement.ts';

/** Where the published JSON Schema for arrangement files lives. */
export const arrangementSchemaFile = 'docs/arrangement.schema.json';

/**
 * The JSON Schema of arrangement files, generated from the same zod schema the code checks
 * them with (ARCHITECTURE practice 11), so editors can validate and complete YAML files.
 */
export function arrangementJsonSchema(): string {
  const schema = z.toJSONSchema(Arrangement, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Concordat arrangement' }, null, 2)}\n`;
}
