import { describe, expect, it } from 'vitest';
import { organisationName } from './names.ts';

describe('organisationName', () => {
  it('writes a name held in capitals the way a letter would', () => {
    expect(organisationName('THE DUDLEY GROUP NHS FOUNDATION TRUST')).toBe(
      'The Dudley Group NHS Foundation Trust',
    );
    expect(organisationName('NHS BLACK COUNTRY INTEGRATED CARE BOARD')).toBe(
      'NHS Black Country Integrated Care Board',
    );
    expect(organisationName('STOKE-ON-TRENT PCN')).toBe('Stoke-on-Trent PCN');
    expect(organisationName('HALESOWEN HEALTH AND CARE GPS')).toBe('Halesowen Health and Care GPs');
  });

  it('leaves a name already in mixed case as its owner wrote it', () => {
    expect(organisationName('Dudley Integrated Health and Care NHS Trust')).toBe(
      'Dudley Integrated Health and Care NHS Trust',
    );
  });
});
