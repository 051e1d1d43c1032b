#!/usr/bin/env node
// The development launcher: runs the compiled CLI (dist/cli, which `npm start`, `npm test` and
// `npm run build` make when the sources are newer), or, in a checkout never built, the
// TypeScript itself through tsx. CONCORDAT_FROM_SOURCE=1 forces the sources. The published
// package's `bin` is dist/cli/main.js itself.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled) && !process.env.CONCORDAT_FROM_SOURCE) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
