import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEntry } from '../src/cli/commands/rulebook-text.ts';
import type { KindName } from '../src/law/kinds/index.ts';
import { loadRulebook } from '../src/law/rulebook.ts';

/**
 * Issue 16: no rule's answer lives only in `concordat explain` prose. Every rule is checked
 * (its kind is read entry by entry by an engine, or a check names it), or says in the
 * rulebook what is not checked and why, which `concordat explain` prints.
 */

/**
 * Kinds whose every entry the named module reads by kind (not by id) to reach its answers;
 * every other rule must be named by a check, or marked not checked.
 */
const readByKind: Partial<Record<KindName, string>> = {
  'commissioning-activity': 'src/law/activities.ts',
  'annex-b-cell': 'src/law/pooling-planner.ts',
  's75-exclusion': 'src/law/pooling-services.ts',
  'pooling-service': 'src/law/pooling-services.ts',
  'statutory-body': 'src/law/checks/system/bodies.ts',
  'reserved-decision': 'src/law/decisions.ts',
  'icb-function': 'src/system/operating-model/check.ts',
  'nhse-delegation': 'src/system/operating-model/check.ts',
  'lifecycle-obligation': 'src/contracts/calendar.ts',
  'contract-provision': 'src/contracts/particulars.ts',
  'lifecycle-transition': 'src/contracts/machine.ts',
};

/** The domain code a check can live in (not the API, CLI or web, which only show answers). */
const checkDirs = ['src/law', 'src/system', 'src/contracts', 'src/finance', 'src/money'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'kinds' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('every rule is checked, or says why not', () => {
  const rulebook = loadRulebook();
  const code = checkDirs.flatMap(sources).join('\n');
  const named = (id: string) => [`'${id}'`, `"${id}"`, `\`${id}`].some((q) => code.includes(q));

  it.each(Object.entries(readByKind))('the %s kind is read by %s', (kind, file) => {
    expect(readFileSync(file, 'utf8')).toContain(`'${kind}'`);
  });

  it('names no rule that a check reads and yet calls unchecked, and leaves none unaccounted for', () => {
    const unaccounted = [...rulebook.entries.values()]
      .filter((e) => !readByKind[e.kind] && !named(e.id) && !e.not_checked)
      .map((e) => e.id);
    expect(unaccounted).toEqual([]);
    // A rule wholly unchecked must not be one a check names: that would be a stale reason.
    const stale = [...rulebook.entries.values()]
      .filter(
        (e) => e.not_checked && !readByKind[e.kind] && named(e.id) && !/^Only the part/.test(e.not_checked),
      )
      .map((e) => e.id);
    expect(stale).toEqual([]);
  });

  it('concordat explain says plainly what is not checked and why', () => {
    const text = describeEntry(rulebook, rulebook.entry('system.ics.strategic-commissioning'));
    expect(text).toMatch(/^Not checked automatically: It describes how commissioning was to change/m);
    expect(describeEntry(rulebook, rulebook.entry('functions.activity.individual-funding-requests'))).toMatch(
      /^Not checked automatically: Only the part about a commissioning support service/m,
    );
  });
});
