import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Arrangement } from './arrangement.ts';
import { referenceProblems } from './arrangement-file.ts';
import { IsoDate } from './date.ts';
import { questions } from './questions.ts';
import type { Rulebook } from './rulebook.ts';
import { RuleId } from './schema.ts';
import { appendTo, containsSubset, mergePatch } from './subset.ts';
import { FileProblem, readYamlFile, validate } from './yaml-file.ts';

/** The project root: arrangement files in scenarios are named relative to it. */
const root = fileURLToPath(new URL('../../', import.meta.url));
export const defaultScenarioDir = join(root, 'rulebook', 'scenarios');

/**
 * A worked case (ARCHITECTURE practice 5): a question put to the rulebook on a date,
 * the answer expected, and why that answer is right.
 */
export const Scenario = z.strictObject({
  id: RuleId,
  title: z.string().min(1),
  why: z.string().min(20, 'must explain, with its source, why the expected answer is right'),
  on: IsoDate,
  ask: z.string().default('check'),
  input: z.unknown().optional().describe('The question’s input, written out in full.'),
  arrangement_file: z
    .string()
    .optional()
    .describe('An arrangement file to start from (relative to the project).'),
  patch: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Changes merged into that file (arrays replace).'),
  append: z.record(z.string(), z.array(z.unknown())).optional().describe('Items added to its lists.'),
  expect: z.record(z.string(), z.unknown()).default({}).describe('What the answer must contain.'),
  refused: z
    .string()
    .min(1)
    .optional()
    .describe('Text the refusal must contain when the question is bad input on that date.'),
  absent: z.array(z.record(z.string(), z.unknown())).optional().describe('Findings that must not appear.'),
});
export type Scenario = z.infer<typeof Scenario>;

export interface ScenarioResult {
  scenario: Scenario;
  file: string;
  passed: boolean;
  answer: unknown;
  failures: string[];
}

/** Reads every scenario file in a folder (each a YAML list of scenarios). */
export function readScenarios(dir: string = defaultScenarioDir): { file: string; scenario: Scenario }[] {
  const out: { file: string; scenario: Scenario }[] = [];
  const ids = new Set<string>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const yaml = readYamlFile(join(dir, name));
    const list = validate(yaml, z.array(Scenario), yaml.value ?? []);
    list.forEach((scenario, i) => {
      if (ids.has(scenario.id)) {
        throw new FileProblem(yaml.file, [
          {
            path: `[${i}].id`,
            line: yaml.lineOf([i, 'id']),
            message: `scenario id '${scenario.id}' is used twice`,
          },
        ]);
      }
      ids.add(scenario.id);
      out.push({ file: name, scenario });
    });
  }
  return out;
}

/** Builds the question's input: inline, or an arrangement file with patches. */
export function scenarioInput(s: Scenario): unknown {
  if (s.input !== undefined) return s.input;
  if (!s.arrangement_file) throw new Error(`scenario ${s.id}: give either input or arrangement_file`);
  const base = readYamlFile(
    resolve(root, s.arrangement_file),
    readFileSync(resolve(root, s.arrangement_file), 'utf8'),
  );
  let value = base.value;
  if (s.patch) value = mergePatch(value, s.patch);
  if (s.append) value = appendTo(value, s.append);
  return value;
}

/** Runs one scenario. A scenario whose input is invalid fails with the reason. */
export function runScenario(rulebook: Rulebook, file: string, scenario: Scenario): ScenarioResult {
  const question = questions[scenario.ask];
  if (!question) {
    return fail(
      scenario,
      file,
      `unknown question '${scenario.ask}': one of ${Object.keys(questions).join(', ')}`,
    );
  }
  let answer: unknown;
  try {
    const input = question.input.parse(scenarioInput(scenario));
    if (scenario.ask === 'check') {
      const problems = referenceProblems(Arrangement.parse(input));
      if (problems.length)
        return fail(scenario, file, problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '));
    }
    answer = question.answer(rulebook, input, scenario.on);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (scenario.refused && reason.includes(scenario.refused)) {
      return { scenario, file, passed: true, answer: undefined, failures: [] };
    }
    return fail(scenario, file, reason);
  }
  if (scenario.refused) return fail(scenario, file, `expected a refusal containing '${scenario.refused}'`);
  const failures: string[] = [];
  for (const [key, value] of Object.entries(scenario.expect)) {
    if (!containsSubset((answer as Record<string, unknown>)[key], value)) {
      failures.push(`expected ${key} to contain ${JSON.stringify(value)}`);
    }
  }
  const findings = (answer as { findings?: unknown[] }).findings ?? [];
  for (const unwanted of scenario.absent ?? []) {
    if (findings.some((f) => containsSubset(f, unwanted)))
      failures.push(`did not expect ${JSON.stringify(unwanted)}`);
  }
  return { scenario, file, passed: failures.length === 0, answer, failures };
}

function fail(scenario: Scenario, file: string, reason: string): ScenarioResult {
  return { scenario, file, passed: false, answer: undefined, failures: [reason] };
}

/** Runs every scenario against the rulebook. */
export function runScenarios(rulebook: Rulebook, dir?: string): ScenarioResult[] {
  return readScenarios(dir).map(({ file, scenario }) => runScenario(rulebook, file, scenario));
}
