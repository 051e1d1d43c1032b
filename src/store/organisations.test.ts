import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixEnd, searchOrganisations } from './organisations.ts';
import { describeOnBothDatabases } from './test-databases.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('prefixEnd', () => {
  it('bounds exactly the texts that start with the prefix, in byte order', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (p, x) => {
        const inRange =
          Buffer.compare(utf8(x), utf8(p)) >= 0 && Buffer.compare(utf8(x), utf8(prefixEnd(p))) < 0;
        expect(inRange).toBe(x.startsWith(p));
      }),
      { numRuns: 2000 },
    );
  });
});

const rows = [
  { code: 'M87001', kind: 'practice', name: 'Meadowbrook Surgery', closed: null },
  { code: 'M87005', kind: 'practice', name: 'Three Villages Medical Practice', closed: null },
  { code: 'M8700', kind: 'pcn', name: 'Dudley 100% Care_Network', closed: null },
  { code: 'QUA', kind: 'icb', name: 'NHS Black Country Integrated Care Board', closed: null },
  { code: '05C', kind: 'ccg', name: 'NHS Dudley CCG', closed: '2022-06-30' },
  { code: '05C', kind: 'sub-icb-location', name: 'NHS Black Country ICB - 05C', closed: null },
  { code: 'RNA', kind: 'trust', name: 'The Dudley Group NHS Foundation Trust', closed: null },
] as const;
const kindOrder = [
  'region',
  'icb',
  'stp',
  'ccg',
  'place',
  'local-authority',
  'sub-icb-location',
  'trust',
  'pcn',
  'practice',
];

/**
 * What a search means, in plain code: a code prefix or part of the name; the exact code
 * first, then open before closed, bigger bodies before smaller, then by name.
 */
function expected(q: string, kind?: string, limit = 20) {
  const t = q.trim();
  return rows
    .filter(
      (r) =>
        r.code.toUpperCase().startsWith(t.toUpperCase()) || r.name.toLowerCase().includes(t.toLowerCase()),
    )
    .filter((r) => !kind || r.kind === kind)
    .sort(
      (a, b) =>
        Number(a.code !== t.toUpperCase()) - Number(b.code !== t.toUpperCase()) ||
        Number(a.closed !== null) - Number(b.closed !== null) ||
        kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        (a.kind < b.kind ? -1 : 1),
    )
    .slice(0, limit)
    .map((r) => `${r.kind}:${r.code}`);
}

describeOnBothDatabases('registry search', (store) => {
  it('finds by code prefix or part of the name, with % and _ taken literally', async () => {
    await store()
      .db.insertInto('organisations')
      .values(rows.map((r) => ({ ...r, opened: null, source: 'test' })))
      .execute();
    const search = async (q: string, kind?: string, limit?: number) =>
      (await searchOrganisations(store().db, q, { kind: kind as never, limit })).map(
        (o) => `${o.kind}:${o.code}`,
      );
    for (const q of [
      'm87',
      'M8700',
      '05c',
      'dudley',
      '100%',
      'care_',
      '_',
      '%',
      'qua',
      ' black ',
      'zzz',
      'ü',
    ])
      expect(await search(q), q).toEqual(expected(q));
    expect(await search('05C', 'ccg')).toEqual(expected('05C', 'ccg'));
    expect(await search('nhs', undefined, 2)).toEqual(expected('nhs', undefined, 2));
  });
});
