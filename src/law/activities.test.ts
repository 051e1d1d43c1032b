import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { activitiesInForce, activitySlug, resolveActivities } from './activities.ts';
import { Arrangement, type ArrangementInput } from './arrangement.ts';
import { askOfFile } from './arrangement-file.ts';
import { checkArrangement } from './check.ts';
import { loadRulebook } from './rulebook.ts';

const rulebook = loadRulebook();

function arrangement(activities: ArrangementInput['activities'], extraProvider = false): Arrangement {
  return Arrangement.parse({
    name: 'Test',
    commissioners: [{ id: 'a-ccg', name: 'NHS Anytown CCG', kind: 'ccg' }],
    providers: [
      { id: 'a-icp', name: 'Anytown ICP', kind: 'nhs-foundation-trust', lead: !extraProvider },
      ...(extraProvider ? [{ id: 'b-trust', name: 'Bravo Trust', kind: 'nhs-trust' as const }] : []),
    ],
    services: [{ service: 'community-health', commissioner: 'a-ccg', provider: 'a-icp' }],
    activities,
  });
}

function invalid(fn: () => unknown): InvalidInput {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('the Annex A tables', () => {
  it('has 26 activities in force under the 2017 paper and 27 under the 2018 update', () => {
    // 2017: 26 rows. 2018: 25 rows (quality improvement dropped) + third-party contracts + IFRs.
    expect(activitiesInForce(rulebook, '2018-03-01')).toHaveLength(26);
    expect(activitiesInForce(rulebook, '2019-04-01')).toHaveLength(27);
    expect(activitiesInForce(rulebook, '2017-07-31')).toHaveLength(0);
  });

  it('numbers the rows of each version 1..n without gaps', () => {
    for (const [on, n] of [
      ['2018-03-01', 26],
      ['2019-04-01', 25],
    ] as const) {
      const rows = activitiesInForce(rulebook, on).flatMap(({ version }) =>
        version.row ? [version.row] : [],
      );
      expect(rows).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it('never lists an action as both allowed and forbidden in one version', () => {
    for (const { version } of [
      ...activitiesInForce(rulebook, '2018-03-01'),
      ...activitiesInForce(rulebook, '2019-04-01'),
    ]) {
      const may = new Set(version.may.map((a) => a.id));
      expect(version.may_not.filter((a) => may.has(a.id))).toEqual([]);
    }
  });
});

describe('reading activities', () => {
  it('refuses an unknown activity and lists the valid ones on the date', () => {
    const e = invalid(() =>
      resolveActivities(
        rulebook,
        arrangement([{ activity: 'payroll', provider_role: 'supports' }]),
        '2019-04-01',
      ),
    );
    expect(e.field).toBe('activities[0].activity');
    expect(e.message).toMatch(/'payroll' is not a commissioning activity/);
    expect(e.message).toMatch(/individual-funding-requests/);
    expect(e.message).not.toMatch(/quality-improvement/);
  });

  it('refuses an unknown action and lists the actions of that activity', () => {
    const e = invalid(() =>
      resolveActivities(
        rulebook,
        arrangement([
          { activity: 'patient-choice', provider_role: 'supports', actions: ['choose-for-patients'] },
        ]),
        '2019-04-01',
      ),
    );
    expect(e.field).toBe('activities[0].actions[0]');
    expect(e.message).toMatch(/offer-choice-on-referral.*limit-referrals-to-own-services/);
  });

  it('refuses actions for a provider with no role', () => {
    const e = invalid(() =>
      resolveActivities(
        rulebook,
        arrangement([{ activity: 'patient-choice', provider_role: 'none', actions: ['offer-choice-of-gp'] }]),
        '2019-04-01',
      ),
    );
    expect(e.field).toBe('activities[0].actions');
  });

  it('refuses a cost bearer outside Individual Funding Requests', () => {
    const e = invalid(() =>
      resolveActivities(
        rulebook,
        arrangement([{ activity: 'complaints', provider_role: 'none', cost_bearer: 'provider' }]),
        '2019-04-01',
      ),
    );
    expect(e.field).toBe('activities[0].cost_bearer');
  });

  it('refuses the same activity twice for one provider', () => {
    const twice = arrangement([
      { activity: 'complaints', provider_role: 'none' },
      { activity: 'functions.activity.complaints', provider_role: 'supports' },
    ]);
    expect(invalid(() => resolveActivities(rulebook, twice, '2019-04-01')).field).toBe('activities[1]');
  });

  it('asks which provider when there are several and none is the lead', () => {
    const e = invalid(() =>
      resolveActivities(
        rulebook,
        arrangement([{ activity: 'complaints', provider_role: 'none' }], true),
        '2019-04-01',
      ),
    );
    expect(e.field).toBe('activities[0].provider');
    expect(e.message).toMatch(/a-icp, b-trust/);
  });

  it('makes the check itself fail with InvalidInput, so the CLI exits 2', () => {
    expect(() =>
      checkArrangement(rulebook, arrangement([{ activity: 'payroll', provider_role: 'none' }]), '2019-04-01'),
    ).toThrow(InvalidInput);
  });
});

describe('the non-delegation principle', () => {
  it('makes any activity with the provider responsible an error, on any date the tables cover', () => {
    const known = activitiesInForce(rulebook, '2019-04-01').map(({ entry }) => activitySlug(entry.id));
    fc.assert(
      fc.property(
        fc.constantFrom(...known),
        fc.date({ min: new Date('2017-08-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        (activity, date) => {
          const on = date.toISOString().slice(0, 10);
          const report = checkArrangement(
            rulebook,
            arrangement([{ activity, provider_role: 'responsible' }]),
            on,
          );
          return report.findings.some(
            (f) => f.rule === 'functions.principle.non-delegable' && f.severity === 'error',
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('bad input found by the rules, reported against the file', () => {
  it('names the file and line of an unknown action', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'concordat-')), 'bad.yaml');
    writeFileSync(
      file,
      [
        'name: Bad',
        'commissioners: [{ id: a-ccg, name: NHS A CCG, kind: ccg }]',
        'providers: [{ id: a-icp, name: A ICP, kind: nhs-trust }]',
        'services: [{ service: community-health, commissioner: a-ccg, provider: a-icp }]',
        'activities:',
        '  - activity: patient-choice',
        '    provider_role: supports',
        '    actions: [offer-choice-of-gp, pick-for-patients]',
      ].join('\n'),
    );
    const e = invalid(() => askOfFile(file, (a) => checkArrangement(rulebook, a, '2019-04-01')));
    expect(e.message).toContain('bad.yaml is not valid');
    expect(e.message).toMatch(/line 8, activities\[0\]\.actions\[1\]: 'pick-for-patients' is not an action/);
  });
});

describe('information-only rows', () => {
  const versions = [...rulebook.entries.values()]
    .filter((e) => e.kind === 'commissioning-activity')
    .flatMap((e) =>
      e.versions.map((v) => ({ id: e.id, v: v as Record<string, unknown> & { may: unknown[] } })),
    );

  it('each names the information the provider may give, and only such rows limit it to own services', () => {
    const info = versions.filter(({ v }) => v.provider_may_support === 'information-only');
    expect(info.map(({ id }) => activitySlug(id)).sort()).toEqual([
      'cost-improvement-planning',
      'cost-improvement-planning',
      'funding-routes',
      'funding-routes',
      'individual-funding-requests',
      'third-party-contracts',
    ]);
    for (const { v } of info) expect(v.may.length).toBeGreaterThan(0);
    for (const { v } of versions.filter(({ v }) => v.about_own_services))
      expect(v.provider_may_support).toBe('information-only');
  });
});
