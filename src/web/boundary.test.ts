import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The browser bundle must not pull in Node or the server: the web app talks to the rest through /api only. */
function browserFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return browserFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.ts$|vite\.config\.ts$/.test(name) ? [path] : [];
  });
}

describe('web app boundary', () => {
  it('imports nothing from Node, the store, the API or the CLI, and only types from the domain', () => {
    const offences: string[] = [];
    for (const file of browserFiles('src/web')) {
      const text = readFileSync(file, 'utf8');
      for (const [statement, spec] of text.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gms)) {
        if (!spec) continue;
        const server = /^node:|\/(store|api|cli)\//.test(spec);
        const domainValue =
          /^(\.\.\/)+(law|money|finance|contracts|system|population)\//.test(spec) &&
          !/^import type/.test(statement);
        if (server || domainValue) offences.push(`${file}: ${statement.split('\n')[0]}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('shares the core with the server, and the core needs nothing but itself', () => {
    const offences: string[] = [];
    for (const file of browserFiles('src/core')) {
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gms)) {
        if (spec && !spec.startsWith('./')) offences.push(`${file} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
