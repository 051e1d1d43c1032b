import { describe, expect, it } from 'vitest';
import { activityEntries, activitySlug } from '../src/law/activities.ts';
import { loadRulebook } from '../src/law/rulebook.ts';
import { readScenarios, scenarioInput } from '../src/law/scenario.ts';

/** Issue 2: every Annex A row of both versions is covered by a worked scenario. */
describe('scenario coverage of the commissioning activities', () => {
  const rulebook = loadRulebook();
  const cases = readScenarios().map(({ scenario }) => {
    const input = scenarioInput(scenario) as { activities?: { activity: string }[] };
    return { on: scenario.on, activities: (input.activities ?? []).map((a) => activitySlug(a.activity)) };
  });

  const versions = activityEntries(rulebook).flatMap((entry) =>
    entry.versions.map((v) => [`${entry.id} from ${v.from}`, activitySlug(entry.id), v.from, v.to] as const),
  );

  it.each(versions)('%s has a scenario', (_name, slug, from, to) => {
    const covered = cases.some(
      (c) => c.on >= from && (to === undefined || c.on <= to) && c.activities.includes(slug),
    );
    expect(covered).toBe(true);
  });
});
