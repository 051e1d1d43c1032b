import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { arrangementErrors, serverFieldId } from './arrangement-form.ts';

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml'));

describe('arrangement form checks', () => {
  it.each(examples)('accept the example %s as it stands', (file) => {
    expect(arrangementErrors(readArrangementFile(`examples/${file}`))).toEqual([]);
  });

  it('name each field that is wrong, by the id of its input', () => {
    const a = readArrangementFile('examples/dudley-integrated-care.yaml');
    const broken = {
      ...a,
      name: ' ',
      commissioners: a.commissioners.map((c, i) => (i === 1 ? { ...c, id: 'Dudley Council' } : c)),
      providers: a.providers.map((p) => ({ ...p, id: 'dudley-ccg' })),
      gp_practices: [{ ods: 'M8700', contract: 'gms' as const, mode: 'full' as const }],
      term: { start: '2030-04-01', end: '2020-03-31' },
    };
    expect(arrangementErrors(broken).map((e) => e.field)).toEqual([
      'name',
      'commissioners-1-id',
      'providers-0-id',
      'gp_practices-0-ods',
      'term-end',
    ]);
  });

  it('map server paths to input ids', () => {
    expect(serverFieldId('commissioners[0].name')).toBe('commissioners-0-name');
    expect(serverFieldId('body/arrangement/providers/1/id')).toBe('providers-1-id');
    expect(serverFieldId('body/reason')).toBe('reason');
  });
});
