import { describe, expect, it } from 'vitest';
import { icbPractices, practiceLocalAuthorities } from './practices.ts';

describe('practices in the NHS system', () => {
  it("lists an ICB's practices today, A–Z, and no one else's", () => {
    const blackCountry = icbPractices('QUA');
    expect(blackCountry).toContain('M87008'); // Kingswinford Medical Practice, Dudley
    expect(blackCountry).toEqual([...blackCountry].sort());
    expect(icbPractices('QHL')).not.toContain('M87008'); // Birmingham and Solihull
    expect(icbPractices('NOPE')).toEqual([]);
  });

  it('names the local authorities where the practices sit, once each', () => {
    expect(practiceLocalAuthorities(['M87008'])).toEqual(['E08000027']); // Dudley
    // The four Black Country boroughs, and Birmingham for the practices over its border.
    expect(practiceLocalAuthorities(icbPractices('QUA'))).toEqual([
      'E08000025',
      'E08000027',
      'E08000028',
      'E08000030',
      'E08000031',
    ]);
    expect(practiceLocalAuthorities([])).toEqual([]);
  });
});
