import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { blankArrangement } from './arrangement-draft.ts';
import { arrangementErrors, serverFieldId } from './arrangement-form.ts';

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml'));

describe('arrangement form checks', () => {
  it.each(examples)('accept the example %s as it stands', (file) => {
    expect(arrangementErrors(readArrangementFile(`examples/${file}`))).toEqual([]);
  });

  it('ask for the parts a blank arrangement lacks, each in a sentence', () => {
    expect(arrangementErrors(blankArrangement())).toEqual([
      { field: 'name', message: 'Enter the name of the arrangement' },
      { field: 'commissioners', message: 'Add at least one commissioner' },
      { field: 'providers', message: 'Add at least one provider' },
      { field: 'services', message: 'Add at least one service' },
    ]);
  });

  it('name each field that is wrong, by the id of its input', () => {
    const a = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
    const broken = {
      ...a,
      name: ' ',
      funds: a.funds.map((f, i) => (i === 1 ? { ...f, parties: [] } : f)),
      funding_streams: a.funding_streams.map((s, i) => (i === 2 ? { ...s, annual_value: '£1.234' } : s)),
      subcontracts: [{ id: 'x', subcontractor: '', services: [] }],
      term: { start: '2030-04-01', end: '2020-03-31' },
    };
    expect(arrangementErrors(broken).map((e) => e.field)).toEqual([
      'name',
      'funds-1-parties',
      'funding_streams-2-annual_value',
      'subcontracts-0-subcontractor',
      'subcontracts-0-services',
      'term-end',
    ]);
  });

  it('map server paths to input ids', () => {
    expect(serverFieldId('commissioners[0].name')).toBe('commissioners-0-name');
    expect(serverFieldId('body/arrangement/providers/1/id')).toBe('providers-1-id');
    expect(serverFieldId('body/reason')).toBe('reason');
  });
});
