import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { Arrangement } from '../../arrangement.ts';
import { loadRulebook } from '../../rulebook.ts';
import { nonStatutoryIcp, termLength } from './safeguards.ts';

const rulebook = loadRulebook();

function icp(term: { start: string; end: string }, provider: Record<string, unknown> = {}) {
  return Arrangement.parse({
    name: 'Test ICP',
    commissioners: [{ id: 'an-icb', name: 'NHS Anytown ICB', kind: 'icb' }],
    providers: [{ id: 'icp', name: 'Anytown ICP', kind: 'nhs-trust', lead: true, ...provider }],
    services: [{ service: 'community-health', commissioner: 'an-icb', provider: 'icp' }],
    term,
  });
}

const startDates = fc
  .date({ min: new Date('2018-08-03'), max: new Date('2040-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('ICP Contract term length', () => {
  it('accepts any term of at most ten years and warns on any longer one', () => {
    fc.assert(
      fc.property(startDates, fc.integer({ min: 0, max: 7300 }), (start, days) => {
        const end = Temporal.PlainDate.from(start).add({ days }).toString();
        const tenYearsLast = Temporal.PlainDate.from(start)
          .add({ years: 10 })
          .subtract({ days: 1 })
          .toString();
        const found = termLength({ rulebook, arrangement: icp({ start, end }), on: '2026-12-01' });
        expect(found.length).toBe(end > tenYearsLast ? 1 : 0);
        for (const f of found) expect(f).toMatchObject({ severity: 'warning', path: 'term.end' });
      }),
    );
  });

  it('says nothing before the draft ICP Contract was published', () => {
    const found = termLength({
      rulebook,
      arrangement: icp({ start: '2018-04-01', end: '2033-03-31' }),
      on: '2018-08-02',
    });
    expect(found).toEqual([]);
  });
});

describe('non-statutory ICP safeguards', () => {
  const all = [
    'minimum-net-worth',
    'single-purpose-entity',
    'asset-security',
    'distribution-conditions',
  ] as const;

  it('warns exactly when one of the four standing safeguards is missing', () => {
    fc.assert(
      fc.property(fc.subarray([...all, 'parent-guarantee' as const]), (agreed) => {
        const a = icp(
          { start: '2026-04-01', end: '2031-03-31' },
          { kind: 'company', statutory_body: false, non_statutory_safeguards: agreed },
        );
        const found = nonStatutoryIcp({ rulebook, arrangement: a, on: '2026-12-01' });
        const missing = all.filter((s) => !agreed.includes(s));
        expect(found.length).toBe(missing.length ? 1 : 0);
      }),
    );
  });

  it('asks nothing extra of a statutory ICP', () => {
    const a = icp({ start: '2026-04-01', end: '2031-03-31' });
    expect(nonStatutoryIcp({ rulebook, arrangement: a, on: '2026-12-01' })).toEqual([]);
  });
});
