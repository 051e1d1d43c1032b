import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RulebookData } from './rulebook.ts';

/**
 * The compiled rulebook: the validated YAML kept as one JSON file, so a command that needs the
 * rules (say `concordat check`) does not parse and validate 28 YAML files on every start.
 *
 * It is only a cache. It carries a fingerprint of everything it was made from (the rulebook's
 * files and the law code that reads them), and is used only when that fingerprint still
 * matches; otherwise the YAML is read as before and the compiled file rewritten. Writing is
 * best effort (an installed package may be read-only) and atomic (parallel test workers).
 */
export const compiledRulebookFile = fileURLToPath(new URL('../../dist/rulebook.json', import.meta.url));

// From the project root, so the path holds for this file and for its compiled bundle alike.
const lawDir = fileURLToPath(new URL('../../src/law/', import.meta.url));

interface Compiled {
  fingerprint: string;
  data: RulebookData;
}

/** The rulebook data from the compiled file when it is current, else `read()`, then saved. */
export function loadCompiled<T>(
  dir: string,
  read: (dir: string) => T & { toData(): RulebookData },
  fromData: (data: RulebookData) => T,
  file: string = compiledRulebookFile,
): T {
  const fingerprint = fingerprintOf(dir);
  const compiled = readCompiled(file);
  if (compiled?.fingerprint === fingerprint) return fromData(compiled.data);
  const rulebook = read(dir);
  writeCompiled(file, { fingerprint, data: rulebook.toData() });
  return rulebook;
}

/** SHA-256 over the rulebook's YAML and the law code that shapes what is read from it. */
export function fingerprintOf(dir: string): string {
  const hash = createHash('sha256');
  const add = (file: string) => {
    hash.update(file.slice(dir.length)).update('\0');
    hash.update(readFileSync(file)).update('\0');
  };
  for (const file of filesUnder(dir, (name) => name.endsWith('.yaml'), ['scenarios'])) add(file);
  // The reader's own code: present in a source checkout, where it can change without the YAML.
  for (const file of filesUnder(lawDir, (name) =>
    /^(rulebook|schema|yaml-file|kinds\/[\w-]+)\.ts$/.test(name),
  )) {
    add(file);
  }
  return hash.digest('hex');
}

function filesUnder(dir: string, wanted: (relative: string) => boolean, skip: string[] = []): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => wanted(name) && !name.endsWith('.test.ts') && !skip.some((s) => name.startsWith(s)))
    .sort()
    .map((name) => join(dir, name));
}

function readCompiled(file: string): Compiled | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Compiled;
  } catch {
    return undefined;
  }
}

function writeCompiled(file: string, compiled: Compiled): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(compiled));
    renameSync(temporary, file);
  } catch {
    // A read-only install still works: it reads the YAML each time.
  }
}
