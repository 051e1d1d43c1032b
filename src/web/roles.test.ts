import { describe, expect, it } from 'vitest';
import { actorsFor } from '../api/contract-permissions.ts';
import { roles } from '../store/schema.ts';
import {
  canAcceptPartyChange,
  canEdit,
  canEditOperatingModel,
  contractActorsFor,
  operatingModelIcbs,
} from './roles.ts';

describe('who may edit an arrangement', () => {
  const parties = ['05C', 'E08000027', 'RYK'];
  it('lets commissioners and councils that are parties edit, and administrators anywhere', () => {
    expect(canEdit([{ role: 'commissioner', organisation: '05C' }], parties)).toBe(true);
    expect(canEdit([{ role: 'local-authority', organisation: 'E08000027' }], parties)).toBe(true);
    expect(canEdit([{ role: 'administrator', organisation: null }], parties)).toBe(true);
  });
  it('refuses providers, viewers, assurers and commissioners of other places', () => {
    expect(canEdit([{ role: 'provider', organisation: 'RYK' }], parties)).toBe(false);
    expect(canEdit([{ role: 'assurer', organisation: null }], parties)).toBe(false);
    expect(canEdit([{ role: 'viewer', organisation: '05C' }], parties)).toBe(false);
    expect(canEdit([{ role: 'commissioner', organisation: '06A' }], parties)).toBe(false);
  });
});

describe('who may accept a change to the parties', () => {
  it('is a commissioner of a party it awaits, or an administrator; never a provider or an England-wide role', () => {
    const awaiting = ['E08000027'];
    expect(canAcceptPartyChange([{ role: 'local-authority', organisation: 'E08000027' }], awaiting)).toBe(
      true,
    );
    expect(canAcceptPartyChange([{ role: 'administrator', organisation: null }], awaiting)).toBe(true);
    expect(canAcceptPartyChange([{ role: 'commissioner', organisation: 'QUA' }], awaiting)).toBe(false);
    expect(canAcceptPartyChange([{ role: 'provider', organisation: 'E08000027' }], awaiting)).toBe(false);
    expect(canAcceptPartyChange([{ role: 'commissioner', organisation: null }], awaiting)).toBe(false);
  });
});

describe('who a user may record contract events as', () => {
  it('offers each role exactly the contract parties the server lets it act as', () => {
    for (const role of roles)
      expect(contractActorsFor([{ role, organisation: null }])).toEqual([...actorsFor[role]]);
    expect(contractActorsFor([{ role: 'provider', organisation: 'RYK' }])).toEqual(['provider', 'practice']);
  });
});

describe('who may change an ICB’s operating model', () => {
  it('is the ICB’s commissioner (its governance lead), an England-wide commissioner or an administrator', () => {
    expect(canEditOperatingModel([{ role: 'commissioner', organisation: 'QUA' }], 'QUA')).toBe(true);
    expect(canEditOperatingModel([{ role: 'commissioner', organisation: null }], 'QUA')).toBe(true);
    expect(canEditOperatingModel([{ role: 'administrator', organisation: null }], 'QUA')).toBe(true);
    expect(canEditOperatingModel([{ role: 'commissioner', organisation: 'QHM' }], 'QUA')).toBe(false);
    expect(canEditOperatingModel([{ role: 'provider', organisation: 'QUA' }], 'QUA')).toBe(false);
    expect(canEditOperatingModel([{ role: 'local-authority', organisation: 'E08000027' }], 'QUA')).toBe(
      false,
    );
    expect(canEditOperatingModel([{ role: 'assurer', organisation: null }], 'QUA')).toBe(false);
  });
  it('offers a commissioner its own ICBs, and administrators every ICB', () => {
    expect(operatingModelIcbs([{ role: 'commissioner', organisation: 'QUA' }])).toEqual({
      all: false,
      codes: ['QUA'],
    });
    expect(operatingModelIcbs([{ role: 'administrator', organisation: null }]).all).toBe(true);
    expect(operatingModelIcbs([{ role: 'viewer', organisation: 'QUA' }])).toEqual({ all: false, codes: [] });
  });
});
