// Regenerates the published JSON Schema for arrangement files from the code's schema.
import { writeFileSync } from 'node:fs';
import { arrangementJsonSchema, arrangementSchemaFile } from '../src/law/arrangement-schema.ts';

writeFileSync(arrangementSchemaFile, arrangementJsonSchema());
console.log(`Wrote ${arrangementSchemaFile}`);
