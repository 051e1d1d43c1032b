import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Domain folders must not depend on the outer layers (docs: ARCHITECTURE, "Dependencies point inward"). */
const domain = ['law', 'money', 'finance', 'contracts', 'system', 'population'];
const outer = ['store', 'api', 'web', 'cli'];

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('architecture', () => {
  it('keeps the domain free of store, api, web and cli imports', () => {
    const offences: string[] = [];
    for (const folder of domain) {
      const dir = join('src', folder);
      expect(statSync(dir, { throwIfNoEntry: false })?.isDirectory(), `src/${folder} exists`).toBe(true);
      for (const file of sourceFiles(dir)) {
        const text = readFileSync(file, 'utf8');
        for (const [, spec] of text.matchAll(/from\s+'([^']+)'/g)) {
          if (spec && outer.some((o) => spec.includes(`/${o}/`) || spec.startsWith(`../${o}`))) {
            offences.push(`${file} imports ${spec}`);
          }
        }
      }
    }
    expect(offences).toEqual([]);
  });

  // The compiled CLI puts every module in dist/cli/, two folders below the root as src/X/ is,
  // so `new URL('../../rulebook', import.meta.url)` finds the same folder from both.
  it('finds shipped files from modules two folders below the project root', () => {
    const deeper = sourceFiles('src').filter(
      (file) =>
        !file.endsWith('.test.ts') &&
        file.split('/').length !== 3 &&
        /new URL\([^)]*import\.meta\.url/.test(readFileSync(file, 'utf8')),
    );
    expect(deeper).toEqual([]);
  });

  it('never resolves a shipped file from the current folder', () => {
    const offences = sourceFiles('src').filter(
      (file) =>
        !file.endsWith('.test.ts') &&
        /\b(resolve|join|readFileSync|existsSync)\(\s*'(dist|data|examples|rulebook|docs)\b/.test(
          readFileSync(file, 'utf8'),
        ),
    );
    expect(offences).toEqual([]);
  });
});
