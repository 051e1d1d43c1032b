import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulebook } from './rulebook.ts';
import { FileProblem } from './yaml-file.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures/rulebook');
const load = (name: string) => loadRulebook(join(fixtures, name));

function refusal(name: string): FileProblem {
  try {
    load(name);
  } catch (error) {
    if (error instanceof FileProblem) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('loading the rulebook', () => {
  it('reads a valid parameter with its resolved citation', () => {
    const p = load('valid').parameter('cquin.rate', '2016-10-01');
    expect(p.value).toBe('2.5');
    expect(p.cite[0]?.text).toBe(
      'NHS England, ACOs and the NHS commissioning system, August 2017, paragraph 1',
    );
  });

  it('carries how each entry was verified, or why it was not', () => {
    expect(load('valid').entry('cquin.rate').provenance).toEqual({
      verified: {
        against: "the fixture's made-up source aco-2017, paragraph 1",
        on: '2026-12-05',
        by_role: 'test author',
      },
    });
  });

  it('says plainly when no version covers a date', () => {
    expect(() => load('valid').parameter('cquin.rate', '2019-01-01')).toThrow(
      /no version of 'cquin.rate' \(CQUIN share of contract value\) covers 1 January 2019.*1 April 2016 to 31 March 2017/,
    );
  });

  it.each([
    ['unknown-key', 4, /unknown key 'colour'/],
    ['duplicate-id', 13, /rule id 'cquin.rate' is already used/],
    ['missing-citation', 6, /cite: is required/],
    ['duplicate-key', 10, /a key appears twice/],
    ['bad-date', 7, /must be a real calendar date/],
    ['overlapping-versions', 13, /overlaps the version before it/],
    ['unknown-source', 11, /unknown source 'nowhere'/],
    ['unknown-kind', 3, /unknown kind 'spell'/],
    [
      'no-provenance',
      1,
      /must say how it was verified: `verified: \{against, on, by_role\}`.*or `unverified: <why not>`/,
    ],
    ['both-provenance', 8, /give either verified or unverified, not both/],
    ['verification-without-role', 5, /verified\.by_role: is required/],
  ])('refuses %s, naming the file and line', (name, line, message) => {
    const problem = refusal(name);
    expect(problem.file).toMatch(new RegExp(`${name}/parameters/p.yaml$`));
    expect(problem.problems[0]?.line).toBe(line);
    expect(problem.message).toMatch(message);
  });

  it('loads the shipped rulebook', () => {
    expect(loadRulebook().sources.size).toBeGreaterThan(5);
  });
});
