import { describe, expect, it } from 'vitest';
import { canEditOperatingModel, operatingModelIcbs } from './roles.ts';

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
