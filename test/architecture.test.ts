import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Domain folders must not depend on the outer layers (docs: ARCHITECTURE, "Dependencies point inward"). */
const domain = ['law', 'money', 'finance', 'contracts', 'system', 'population'];
const outer = ['store', 'api', 'web', 'cli'];

function sourceFiles(dir: string, pattern = /\.tsx?$/): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

/** Code in every folder but src/system/ (src, tests, benches, scripts, browser tests). */
function codeOutsideSystem(): string[] {
  return ['src', 'test', 'bench', 'scripts', 'e2e']
    .flatMap((dir) => sourceFiles(dir, /\.(tsx?|mjs|js)$/))
    .filter((file) => !file.startsWith(join('src', 'system')));
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

  // src/system/ is the one reader of data/nhs (docs/decisions/0007): everything else asks it for
  // rows, so a change of file or column is made in one place.
  it('names no data/nhs file outside src/system/', () => {
    const stems = readdirSync('data/nhs')
      .filter((name) => !/^(README|ATTRIBUTION)\.md$/.test(name))
      .map((name) => name.replace(/(\.README\.txt|\.csv\.gz|\.pdf)$/, ''));
    expect(stems.length).toBeGreaterThan(10);
    const offences = codeOutsideSystem().flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return stems.filter((stem) => text.includes(stem)).map((stem) => `${file} names ${stem}`);
    });
    expect(offences).toEqual([]);
  });

  it('reads data/nhs only in src/system/', () => {
    // This file names the readers; the allocation check reads the file itself, by design.
    const exempt = [join('test', 'architecture.test.ts'), join('test', 'black-country-allocation.test.ts')];
    const offences = codeOutsideSystem().filter((file) => {
      if (exempt.includes(file)) return false;
      // Tests may drive the system's CSV reader on files of their own.
      const readers = file.includes('.test.')
        ? /\b(dataFilePath|nhsDataDir)\b/
        : /\b(dataFilePath|nhsDataDir|readGzipCsv|readTable)\b/;
      return readers.test(readFileSync(file, 'utf8'));
    });
    expect(offences).toEqual([]);
  });
});
