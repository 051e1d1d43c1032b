import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPounds, type Pence } from '../../core/money.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { resolveBudgets } from './budgets.ts';
import { checkOperatingModel } from './check.ts';
import { readOperatingModelFile } from './file.ts';
import type { OperatingModel } from './model.ts';
import { sordRows, sordText } from './sord.ts';

const rulebook = loadRulebook();
const blackCountry = readOperatingModelFile('examples/operating-models/black-country.yaml');

describe('checkOperatingModel', () => {
  it('finds the Black Country model lawful on 1 September 2023', () => {
    const report = checkOperatingModel(rulebook, blackCountry.model, '2023-09-01', blackCountry.budgets);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.lawful).toBe(true);
  });

  it.each([
    ['unlawful-place-without-local-authority.yaml', 'system.om.place-joint-committee'],
    ['unlawful-reserved-to-officer.yaml', 'system.icb-function.annual-budget'],
    ['unlawful-provider-own-contract.yaml', 'system.om.conflicts-of-interest'],
    ['unlawful-budgets.yaml', 'system.om.budgets-within-allocation'],
    ['unlawful-budgets.yaml', 'system.om.limit-within-budget'],
  ])('finds %s unlawful on %s, naming the rule and its source', (file, rule) => {
    const { model, budgets } = readOperatingModelFile(`examples/operating-models/${file}`);
    const report = checkOperatingModel(rulebook, model, '2023-09-01', budgets);
    expect(report.lawful).toBe(false);
    const found = report.findings.find((f) => f.rule === rule);
    expect(found?.severity).toBe('error');
    expect(found?.citations.length).toBeGreaterThan(0);
    expect(found?.citations[0]?.text).toMatch(/\S/);
  });

  it('traces each delegated budget to the SoRD decisions under it', () => {
    const walsall = blackCountry.budgets.holders.find((h) => h.id === 'walsall');
    expect(walsall).toMatchObject({ pounds: '£640,000,000.00', decisions: ['walsall-together'] });
    expect(blackCountry.budgets.allocation?.pounds).toBe('£2,932,000,000.00');
  });
});

/** A model with a pot and place budgets entered in pence, for the property tests. */
function withBudgets(allocation: number, places: number[], limit?: number): OperatingModel {
  const m = structuredClone(blackCountry.model);
  m.budgets = { icb_allocation: formatPounds(allocation as Pence) };
  m.collaboratives = m.collaboratives.map(({ budget: _b, ...c }) => c);
  m.places = m.places.map((p, i) => ({ ...p, budget: formatPounds((places[i] ?? 0) as Pence) }));
  m.sord = m.sord.map((s) =>
    s.decided_by === 'dudley' && limit !== undefined ? { ...s, limit: formatPounds(limit as Pence) } : s,
  );
  return m;
}

const amount = fc.integer({ min: 0, max: 100_000_000_000 });

describe('delegated budgets (property)', () => {
  it('are a finding exactly when they add up to more than the ICB holds', () => {
    fc.assert(
      fc.property(amount, fc.array(amount, { minLength: 4, maxLength: 4 }), (allocation, places) => {
        const model = withBudgets(allocation, places);
        const report = checkOperatingModel(rulebook, model, '2023-09-01', resolveBudgets(model));
        const over = places.reduce((a, b) => a + b, 0) > allocation;
        expect(report.findings.some((f) => f.rule === 'system.om.budgets-within-allocation')).toBe(over);
      }),
      { numRuns: 60 },
    );
  });

  it('make a SoRD limit a finding exactly when it is above the delegate’s budget', () => {
    fc.assert(
      fc.property(amount, amount, (budget, limit) => {
        const model = withBudgets(Number.MAX_SAFE_INTEGER, [budget, 0, 0, 0], limit);
        const report = checkOperatingModel(rulebook, model, '2023-09-01', resolveBudgets(model));
        const dudley = `sord[${model.sord.findIndex((s) => s.decided_by === 'dudley')}].limit`;
        const flagged = report.findings.some(
          (f) => f.rule === 'system.om.limit-within-budget' && f.path === dudley,
        );
        expect(flagged).toBe(limit > budget);
      }),
      { numRuns: 60 },
    );
  });
});

describe('SoRD table', () => {
  it('lists each decision with its route and limit, and reads as text', () => {
    const rows = sordRows(rulebook, blackCountry.model);
    expect(rows.find((r) => r.id === 'walsall-together')).toMatchObject({
      decided_by: 'Walsall Healthcare NHS Trust',
      route: 'Delegated to a lead provider',
      limit: '£10,000,000.00',
    });
    const text = sordText(blackCountry.model, rows);
    expect(text).toContain(
      'Award, vary and end GP contracts\n  Function:     Commissioning primary medical services',
    );
    expect(text).toContain('Limit:        £5,000,000.00');
  });
});
