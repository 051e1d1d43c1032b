import { describe, expect, it } from 'vitest';
import { budgetFlow } from './budget-flow.ts';
import type { BudgetReport } from './types.ts';

const m = (pence: number) => ({ pence, pounds: '' });
const line = (id: string, commissioner: string, cls: 'pooled' | 'aligned' | 'outside', pence: number) => ({
  id,
  service: 's',
  service_name: 'S',
  commissioner,
  commissioner_name: commissioner === 'icb' ? 'NHS Example ICB' : 'Example Council',
  source: 'icb-core' as const,
  class: cls,
  reason: '',
  rule: null,
  citations: [],
  value: m(pence),
});

const budget: BudgetReport['budget'] = {
  on: '2026-04-01',
  lines: [line('a', 'icb', 'pooled', 600), line('b', 'icb', 'aligned', 300), line('c', 'la', 'pooled', 100)],
  pooled: m(700),
  aligned: m(300),
  outside: m(0),
  icp_total: m(1000),
  cquin_eligible: m(700),
  subcontracts: [
    { id: 'therapies', subcontractor: 'Talk Well CIC', services: ['mental-health'], value: m(250) },
  ],
};

describe('the budget as a flow', () => {
  const { nodes, links } = budgetFlow(budget);
  const into = (id: string) => links.filter((l) => l.to === id).reduce((s, l) => s + l.pence, 0);
  const outOf = (id: string) => links.filter((l) => l.from === id).reduce((s, l) => s + l.pence, 0);

  it('carries every penny from the commissioners through the budgets to the ICP and its subcontractors', () => {
    expect(links.map((l) => [l.from, l.to, l.pence]).sort()).toEqual(
      [
        ['c:icb', 'b:pooled', 600],
        ['c:icb', 'b:aligned', 300],
        ['c:la', 'b:pooled', 100],
        ['b:pooled', 'h:icp', 700],
        ['b:aligned', 'h:icp', 300],
        ['h:icp', 's:therapies', 250],
        ['h:icp', 's:kept', 750],
      ].sort(),
    );
    for (const id of ['b:pooled', 'b:aligned', 'h:icp']) expect(into(id)).toBe(outOf(id));
  });

  it('names commissioners and subcontractors, and leaves out budgets with nothing in them', () => {
    const label = (id: string) => nodes.find((n) => n.id === id)?.label;
    expect(label('c:la')).toBe('Example Council');
    expect(label('s:therapies')).toBe('Talk Well CIC');
    expect(nodes.some((n) => n.id === 'b:outside')).toBe(false);
  });

  it('stacks pooled above aligned and subcontractors above what the ICP keeps, so ribbons do not cross', () => {
    const top = (id: string) => nodes.find((n) => n.id === id)?.top ?? Number.NaN;
    expect(top('b:pooled')).toBeLessThan(top('b:aligned'));
    expect(top('s:therapies')).toBeLessThan(top('s:kept'));
  });

  it('stacks the ribbons leaving a node one under another, within it', () => {
    const icb = nodes.find((n) => n.id === 'c:icb');
    const [toPooled, toAligned] = links.filter((l) => l.from === 'c:icb');
    expect(toPooled?.fromY).toBe((icb?.top ?? 0) + 300);
    expect(toAligned?.fromY).toBe((icb?.top ?? 0) + 600 + 150);
  });
});
