import { describe, expect, it } from 'vitest';
import { loadRulebook } from '../src/law/rulebook.ts';
import { readScenarios, runScenario } from '../src/law/scenario.ts';

/** Every worked case in rulebook/scenarios/ is a test (ARCHITECTURE practice 5). */
const rulebook = loadRulebook();
const scenarios = readScenarios();

describe('rulebook scenarios', () => {
  it.each(scenarios.map((s) => [s.scenario.id, s] as const))('%s', (_id, { file, scenario }) => {
    const result = runScenario(rulebook, file, scenario);
    expect(result.failures).toEqual([]);
  });
});
