import { describe, expect, it } from 'vitest';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { diffArrangements } from './arrangement-diff.ts';

const a = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
const names = {
  service: (s: string) => ({ 'community-health': 'Community health services' })[s] ?? s,
  party: (p: string) => [...a.commissioners, ...a.providers].find((x) => x.id === p)?.name ?? p,
};
const diff = (b: typeof a) => diffArrangements(a, b, { before: names, after: names }, (x) => x);

describe('comparing two versions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diff(a)).toEqual([]);
  });

  it('names a changed field by its words, with its value in each version', () => {
    const b = {
      ...a,
      funds: a.funds.map((f, i) => (i === 0 ? { ...f, name: 'Dudley pool', kind: 'aligned' as const } : f)),
      term: a.term ? { ...a.term, end: '2031-03-31' } : undefined,
    };
    expect(diff(b)).toEqual([
      {
        part: 'Funds',
        item: 'Dudley pool',
        field: 'Name',
        before: 'Dudley place pooled fund',
        after: 'Dudley pool',
      },
      {
        part: 'Funds',
        item: 'Dudley pool',
        field: 'How the money is held',
        before: 'Pooled: one fund the partners spend together',
        after: 'Aligned: each partner keeps its own budget, managed together',
      },
      { part: 'Term', item: 'Ends', field: null, before: '31 March 2036', after: '31 March 2031' },
    ]);
  });

  it('lists what was added and removed, and names a change to terms it keeps as they are', () => {
    const b = {
      ...a,
      services: a.services.filter((s) => s.service !== 'community-health'),
      gp_practices: [
        ...a.gp_practices,
        { ods: 'M87003', name: 'Moss Grove Surgery', contract: 'gms' as const, mode: 'none' as const },
      ],
      payment: undefined,
    };
    expect(diff(b)).toEqual([
      {
        part: 'Services',
        item: 'Community health services (NHS Black Country Integrated Care Board)',
        field: null,
        before: 'Provided by: The Dudley Group NHS Foundation Trust',
        after: null,
      },
      {
        part: 'GP practices',
        item: 'Moss Grove Surgery (M87003)',
        field: null,
        before: null,
        after:
          'Contract: General Medical Services (GMS); How it takes part: Not integrated; Integration Agreement signed: No',
      },
      { part: 'Other terms', item: 'How the provider is paid', field: null, before: 'Recorded', after: null },
    ]);
  });
});
