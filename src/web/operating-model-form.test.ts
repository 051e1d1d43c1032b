import { describe, expect, it } from 'vitest';
import { readOperatingModelFile } from '../system/operating-model/file.ts';
import {
  blankModel,
  copyOf,
  idsIn,
  modelErrors,
  newId,
  normalPounds,
  partOf,
  pathOf,
  placeErrors,
  sordErrors,
  usesOf,
  withItem,
  withOrganisation,
  withoutItem,
} from './operating-model-form.ts';

const { model: blackCountry } = readOperatingModelFile('examples/operating-models/black-country.yaml');
const icb = { code: 'QUA', name: 'NHS Black Country Integrated Care Board', region: 'Midlands' };

describe('where findings and problems point', () => {
  it('reads finding paths and server fields alike', () => {
    expect(pathOf('places[0].partnership.members')).toEqual(['places', 0, 'partnership', 'members']);
    expect(pathOf('body/model/sord/3/decided_by')).toEqual(['sord', 3, 'decided_by']);
    expect(pathOf('body/model')).toEqual([]);
  });

  it('places each path in its part and item', () => {
    expect(partOf(pathOf('places[2].partnership.committee'))).toEqual({ part: 'places', index: 2 });
    expect(partOf(pathOf('board.members'))).toEqual({ part: 'board' });
    expect(partOf(pathOf('organisations[4]'))).toEqual({ part: 'organisations', index: 4 });
    expect(partOf(pathOf('icb.code'))).toEqual({ part: 'details' });
    expect(partOf(pathOf('budgets'))).toEqual({ part: 'budgets' });
  });
});

describe('ids made from names', () => {
  it('are unique lowercase words joined by dashes', () => {
    expect(newId('Dudley', new Set(), 'place')).toBe('dudley');
    expect(newId('Dudley', new Set(['dudley', 'dudley-2']), 'place')).toBe('dudley-3');
    expect(newId('  —  ', new Set(), 'place')).toBe('place');
    expect(newId('St Helens & Knowsley', new Set(), 'x')).toBe('st-helens-knowsley');
  });
});

describe('a new model', () => {
  it('starts blank with the ICB, NHS England and the chair and chief executive, and passes the form', () => {
    const m = blankModel(icb, '2026-12-01');
    expect(m.organisations.map((o) => o.id)).toEqual([
      'nhs-england',
      'nhs-black-country-integrated-care-board',
    ]);
    expect(m.board.members.map((b) => b.role)).toEqual(['chair', 'chief-executive']);
    expect(modelErrors(m)).toEqual([]);
  });

  it('or as a copy, which changes only the name and shares nothing with the original', () => {
    const copy = copyOf(blackCountry);
    expect(copy.name).toBe(`Copy of ${blackCountry.name}`);
    copy.places[0]?.partnership.members.pop();
    expect(blackCountry.places[0]?.partnership.members).toHaveLength(7);
  });
});

describe('organisations from the registry', () => {
  it('are added once per code, merging what they provide', () => {
    const first = withOrganisation(blankModel(icb, '2026-12-01'), {
      name: 'The Dudley Group NHS Foundation Trust',
      kind: 'nhs-foundation-trust',
      code: 'RNA',
      sectors: ['community'],
    });
    expect(first.id).toBe('the-dudley-group-nhs-foundation-trust');
    const again = withOrganisation(first.model, {
      name: 'THE DUDLEY GROUP NHS FOUNDATION TRUST',
      kind: 'nhs-foundation-trust',
      code: 'RNA',
      sectors: ['acute'],
    });
    expect(again.id).toBe(first.id);
    expect(again.model.organisations).toHaveLength(3);
    expect(again.model.organisations[2]?.sectors).toEqual(['community', 'acute']);
  });
});

describe('removing', () => {
  it('names every part that still uses an item', () => {
    expect(usesOf(blackCountry, 'walsall-healthcare')).toEqual([
      'the board',
      'Walsall place',
      'Black Country Provider Collaborative (acute)',
    ]);
    expect(usesOf(blackCountry, 'primary-care-committee')).toEqual([
      'the decision “Award, vary and end GP contracts”',
    ]);
    expect(usesOf(blackCountry, 'west-midlands-ambulance')).toEqual(['the board']);
  });

  it('replaces, adds and removes items of a list', () => {
    const place = {
      ...(blackCountry.places[0] as (typeof blackCountry.places)[number]),
      name: 'Dudley (changed)',
    };
    expect(withItem(blackCountry, 'places', 0, place).places[0]?.name).toBe('Dudley (changed)');
    expect(withItem(blackCountry, 'places', 4, place).places).toHaveLength(5);
    expect(withoutItem(blackCountry, 'places', 0).places.map((p) => p.id)).toEqual([
      'sandwell',
      'walsall',
      'wolverhampton',
    ]);
    expect(idsIn(blackCountry).has('board')).toBe(true);
  });
});

describe('the form check', () => {
  it('passes the Black Country model as it is', () => {
    expect(modelErrors(blackCountry)).toEqual([]);
  });

  it('says what a place lacks, against each field', () => {
    const bare = {
      id: 'x',
      name: ' ',
      local_authorities: [],
      budget: '-£5.00',
      partnership: { form: 'joint-committee' as const, members: [], functions: [] },
    };
    expect(placeErrors(bare, 1)).toEqual([
      { field: 'places-1-name', message: 'Enter the name of the place' },
      { field: 'places-1-local_authorities', message: 'Add the local authority the place covers' },
      { field: 'places-1-partnership-members', message: 'Add at least one member of the partnership' },
      { field: 'places-1-partnership-committee', message: 'Choose the committee that decides for the place' },
      { field: 'places-1-budget', message: 'The budget must not be negative' },
    ]);
  });

  it('asks for an officer’s title and a limit in pounds', () => {
    const row = {
      id: 'r',
      function: 'f',
      decision: 'Decide',
      decided_by: 'officer: ',
      jointly_with: [],
      limit: 'lots',
    };
    expect(sordErrors(row, 0).map((e) => e.message)).toEqual([
      'Enter the title of the officer who decides',
      'The financial limit must be an amount in pounds, like £12,345,678.00',
    ]);
  });

  it('writes amounts the way the model stores them', () => {
    expect(normalPounds('25000000')).toBe('£25,000,000.00');
    expect(normalPounds('£1,234.5')).toBe('£1,234.50');
    expect(normalPounds('lots')).toBe('lots');
  });
});
