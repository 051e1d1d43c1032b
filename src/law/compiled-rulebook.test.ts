import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fingerprintOf, loadCompiled } from './compiled-rulebook.ts';
import { defaultRulebookDir, Rulebook, readRulebook } from './rulebook.ts';

const work = mkdtempSync(join(tmpdir(), 'concordat-compiled-'));
const dir = join(work, 'rulebook');
cpSync(defaultRulebookDir, dir, { recursive: true });
const compiledFile = join(work, 'rulebook.json');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the compiled rulebook', () => {
  it('is read instead of the YAML while the files are unchanged, and says the same', () => {
    const read = vi.fn(readRulebook);
    const first = loadCompiled(dir, read, Rulebook.fromData, compiledFile);
    const second = loadCompiled(dir, read, Rulebook.fromData, compiledFile);
    expect(read).toHaveBeenCalledTimes(1);
    expect(JSON.parse(JSON.stringify(second.toData()))).toEqual(JSON.parse(JSON.stringify(first.toData())));
    const rule = [...first.entries.keys()][0] ?? '';
    expect(second.entry(rule)).toEqual(first.entry(rule));
    // Each rule's provenance is carried: verified with what, when and by whom, or why not.
    expect(second.entry('contract.term.maximum-years').provenance).toMatchObject({
      verified: { against: expect.stringContaining('paragraph 32'), by_role: expect.any(String) },
    });
    expect(second.entry('money.cquin.rate').provenance).toEqual(first.entry('money.cquin.rate').provenance);
    expect(second.entry('money.cquin.rate').provenance).toHaveProperty('unverified');
  });

  it('is set aside when a rulebook file changes', () => {
    const before = fingerprintOf(dir);
    appendFileSync(join(dir, 'sources.yaml'), '\n# edited\n');
    expect(fingerprintOf(dir)).not.toBe(before);
    const read = vi.fn(readRulebook);
    loadCompiled(dir, read, Rulebook.fromData, compiledFile);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('falls back to the YAML when the compiled file is unreadable', () => {
    appendFileSync(compiledFile, 'not json');
    const read = vi.fn(readRulebook);
    loadCompiled(dir, read, Rulebook.fromData, compiledFile);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
