// Writes the API's OpenAPI document and the TypeScript types generated from it
// (src/web/openapi.generated.ts, git-ignored), as an integrator would generate them.
// The API tests and the web app's API layer use those types, so a drift between the
// document and the server fails `tsc`. Run by scripts/ensure-ready.mjs and `npm run build`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describeApi } from '../src/api/describe.ts';

const documentPath = 'dist/openapi.json';
const typesPath = 'src/web/openapi.generated.ts';

const document = await describeApi();
mkdirSync(dirname(documentPath), { recursive: true });
writeFileSync(documentPath, `${JSON.stringify(document, null, 2)}\n`);
const types = astToString(await openapiTS(document as never));
writeFileSync(
  typesPath,
  `// Generated from the OpenAPI document by scripts/write-openapi.ts: do not edit, do not commit.\n${types}`,
);
console.error(`Concordat: wrote ${documentPath} and ${typesPath}`);
