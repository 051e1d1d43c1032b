import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import type { CommissionerKind } from './arrangement.ts';
import type { Configuration } from './kinds/pooling.ts';
import { classifyFundingStream, planPooling, serviceIds } from './pooling.ts';
import { loadRulebook } from './rulebook.ts';

const rulebook = loadRulebook();

/** A representative set of commissioners for each Annex B column. */
const columns: Record<Configuration, CommissionerKind[]> = {
  'single-ccg': ['ccg'],
  'several-ccgs': ['ccg', 'ccg'],
  'ccgs-with-la': ['ccg', 'local-authority'],
  'nhse-ccgs-la': ['nhs-england', 'ccg', 'local-authority'],
};

const cells = [...rulebook.entries.values()]
  .filter((e) => e.kind === 'annex-b-cell')
  .flatMap((e) => e.versions.map((v) => [e.id, v.from, v] as const));

describe('planPooling agrees with every Annex B cell', () => {
  it('has the 24 cells of 2017 and the 6 rows of 2018', () => {
    expect(cells.filter(([, from]) => from === '2017-08-01')).toHaveLength(24);
    expect(cells.filter(([, from]) => from === '2018-08-03')).toHaveLength(6);
  });

  it.each(cells)('%s from %s', (id, from, v) => {
    if (!('configuration' in v)) throw new Error(`${id} is not a cell`);
    const plan = planPooling(
      rulebook,
      { services: v.services, commissioners: columns[v.configuration] },
      from,
    );
    expect(plan.annex_b?.rule).toBe(id);
    expect(plan.feasible).toBe(v.whole_model !== 'not-possible');
    for (const s of v.aligned ?? []) expect(plan.ring_fenced.map((r) => r.service)).toContain(s);
    // The 2018 rows name every ring-fence they need: the plan adds none the row does not.
    if (v.notes && plan.feasible)
      expect(
        plan.service_plan
          .filter((s) => s.classification === 'aligned-ring-fenced')
          .map((s) => s.service)
          .sort(),
      ).toEqual([...(v.aligned ?? [])].sort());
  });
});

describe('planPooling', () => {
  it('refuses an unknown service and lists the valid ones', () => {
    expect(() =>
      planPooling(rulebook, { services: ['dentistry'], commissioners: ['ccg'] }, '2018-09-01'),
    ).toThrow(/primary-medical/);
  });

  it('refuses an unknown commissioner kind with the valid kinds', () => {
    const bad = { services: ['community-health'], commissioners: ['council' as CommissionerKind] };
    expect(() => planPooling(rulebook, bad, '2018-09-01')).toThrow(InvalidInput);
  });

  it('says plainly when no rule covers the date', () => {
    expect(() =>
      planPooling(rulebook, { services: ['community-health'], commissioners: ['ccg'] }, '2015-01-01'),
    ).toThrow(
      /no version of 'pooling.service.community-health' \(Community health services\) covers 1 January 2015/,
    );
  });

  it('several CCGs with a council could hold primary medical services in 2017 but not in 2018', () => {
    const req = {
      services: ['primary-medical', 'community-health', 'adult-social-care'],
      commissioners: ['ccg', 'ccg', 'local-authority'] as CommissionerKind[],
    };
    expect(planPooling(rulebook, req, '2018-01-15').feasible).toBe(true);
    const later = planPooling(rulebook, req, '2019-01-15');
    expect(later.feasible).toBe(false);
    expect(later.problems[0]?.rule).toBe('pooling.route.primary-medical');
  });

  it('offers note 2 (amending the Delegation Agreement) for configuration B but not for configuration F', () => {
    const b = ['primary-medical', 'community-health', 'adult-social-care'];
    const model = (services: string[], commissioners: CommissionerKind[]) => {
      const plan = planPooling(rulebook, { services, commissioners }, '2019-06-01');
      const gp = plan.ring_fenced.find((r) => r.service === 'primary-medical')?.message ?? '';
      return { note2: plan.notes.some((n) => n.rule === 'pooling.note.delegation-amendment'), gp };
    };
    expect(model(b, ['ccg', 'local-authority'])).toMatchObject({
      note2: true,
      gp: expect.stringMatching(/note 2/),
    });
    const f = model([...b, 'specialised'], ['nhs-england', 'ccg', 'local-authority']);
    expect(f.note2).toBe(false);
    expect(f.gp).toMatch(/For configuration F the table says the money cannot be pooled/);
    const e = model([...b, 's7a-screening'], ['nhs-england', 'ccg', 'local-authority']);
    expect(e).toMatchObject({ note2: false, gp: expect.stringMatching(/For configuration E/) });
  });

  it('after July 2022 proposes a s65Z6 pool between ICBs and s75 with a council', () => {
    const icbs = planPooling(
      rulebook,
      { services: ['community-health'], commissioners: ['icb', 'icb'] },
      '2023-04-01',
    );
    expect(icbs.mechanism).toBe('s65z6-pooled-fund');
    const withLa = planPooling(
      rulebook,
      { services: ['community-health', 'adult-social-care'], commissioners: ['icb', 'local-authority'] },
      '2023-04-01',
    );
    expect(withLa.mechanism).toBe('s75-pooled-fund');
  });

  it('is deterministic: same request and date, same plan', () => {
    const ids = serviceIds(rulebook, '2019-06-01');
    const kinds: CommissionerKind[] = ['ccg', 'icb', 'nhs-england', 'local-authority', 'combined-authority'];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('2017-09-01', '2019-06-01', '2022-06-30', '2022-07-01', '2026-04-01'),
        (services, commissioners, on) => {
          const a = planPooling(rulebook, { services, commissioners }, on);
          expect(planPooling(rulebook, { services, commissioners }, on)).toEqual(a);
          // A feasible plan never pools money the rulebook ring-fences or leaves outside.
          const pooled = a.funds.filter((f) => f.kind === 'pooled').flatMap((f) => f.services);
          for (const r of [...a.ring_fenced, ...a.outside]) expect(pooled).not.toContain(r.service);
          // An infeasible plan always says why.
          if (!a.feasible) expect(a.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('classifyFundingStream', () => {
  it('names the stream in the error for an unknown service', () => {
    expect(() =>
      classifyFundingStream(
        rulebook,
        { service: 'gp', source: 'icb-core' },
        '2019-04-01',
        'funding_streams[2].service',
      ),
    ).toThrow(/^funding_streams\[2\]\.service: 'gp' is not a service/);
  });

  it('keeps s7A money ring-fenced whatever service it is labelled with', () => {
    const c = classifyFundingStream(rulebook, { service: 'community-health', source: 's7a' }, '2019-04-01');
    expect(c.classification).toBe('aligned-ring-fenced');
    expect(c.rule).toBe('pooling.route.s7a');
  });

  it('pools social care, rings-fences surgery and primary medical care, leaves dental outside', () => {
    const on = '2019-04-01';
    expect(
      classifyFundingStream(rulebook, { service: 'adult-social-care', source: 'la-social-care' }, on)
        .classification,
    ).toBe('pooled');
    expect(classifyFundingStream(rulebook, { service: 'surgery', source: 'icb-core' }, on).rule).toBe(
      'pooling.s75-exclusion.invasive-treatments',
    );
    expect(
      classifyFundingStream(rulebook, { service: 'primary-medical', source: 'delegated-primary-medical' }, on)
        .classification,
    ).toBe('aligned-ring-fenced');
    expect(
      classifyFundingStream(rulebook, { service: 'primary-dental', source: 'nhs-england-direct' }, on)
        .classification,
    ).toBe('outside');
  });
});
