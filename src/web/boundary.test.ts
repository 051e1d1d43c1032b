import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The compiler keeps Node, the store, the API and the CLI out of the web app and the core
 * (tsconfig.web.json and tsconfig.core.json see neither Node's types nor those projects). What
 * it cannot see is a value imported from the domain, whose declarations it does see: the
 * browser bundle must take only the domain's types.
 */
function browserFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return browserFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.ts$|vite\.config\.ts$/.test(name) ? [path] : [];
  });
}

describe('web app boundary', () => {
  it('imports only types from the domain', () => {
    const offences: string[] = [];
    for (const file of browserFiles('src/web')) {
      const text = readFileSync(file, 'utf8');
      for (const [statement, spec] of text.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gms)) {
        if (
          spec &&
          /^(\.\.\/)+(law|money|finance|contracts|system|population)\//.test(spec) &&
          !/^import type/.test(statement)
        )
          offences.push(`${file}: ${statement.split('\n')[0]}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
