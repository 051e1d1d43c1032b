// Regenerates the published JSON Schemas (arrangement files, contract events) from the code's schemas.
import { writeFileSync } from 'node:fs';
import { arrangementJsonSchema, arrangementSchemaFile } from '../src/law/arrangement-schema.ts';
import { operatingModelJsonSchema, operatingModelSchemaFile } from '../src/system/operating-model/model.ts';
import { contractEventJsonSchema, contractEventSchemaFile } from './contract-event-schema.ts';

for (const [file, text] of [
  [arrangementSchemaFile, arrangementJsonSchema()],
  [contractEventSchemaFile, contractEventJsonSchema()],
  [operatingModelSchemaFile, operatingModelJsonSchema()],
] as const) {
  writeFileSync(file, text);
  console.log(`Wrote ${file}`);
}
