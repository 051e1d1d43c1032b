// `concordat --help` and `concordat check` start in a fraction of a second because the CLI's
// entry loads only command definitions; each command imports its engine inside its action
// (docs/decisions/0006-compiled-cli.md; measured by `npm run bench -- cli`). This keeps a
// top-level import from quietly pulling the database, the server or an engine back in.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the CLI entry', () => {
  it('loads no database, server, engine, contract machine or PDF code before a command runs', async () => {
    const result = await build({
      entryPoints: ['src/cli/main.ts'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      outdir: 'dist/cli-check',
      packages: 'external',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((o) => o.endsWith('main.js')) ?? '';
    const seen = new Set<string>();
    const modules = new Set<string>();
    const packages = new Set<string>();
    const queue = [entry];
    while (queue.length) {
      const out = queue.pop() as string;
      if (seen.has(out)) continue;
      seen.add(out);
      for (const input of Object.keys(outputs[out]?.inputs ?? {})) modules.add(input);
      for (const i of outputs[out]?.imports ?? []) {
        if (i.kind !== 'import-statement') continue;
        if (i.external) packages.add(i.path);
        else queue.push(i.path);
      }
    }
    const heavy = [...modules].filter((m) =>
      /^src\/(store|api|population\/engines|outputs\/(paper|papers|xlsx)\.ts|contracts\/machine\.ts)/.test(m),
    );
    expect(heavy).toEqual([]);
    const heavyPackages = [...packages].filter((p) =>
      /fastify|pglite|duckdb|chdb|clickhouse|argon2|pdfmake|exceljs|kysely|^pg$/.test(p),
    );
    expect(heavyPackages).toEqual([]);
  });
});
