import { describe, expect, it } from 'vitest';
import { icbPractices, placesOfPcns, practiceLocalAuthorities } from './practices.ts';

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

  it('puts a PCN in the place most of its practices sit in, a tie in the lower code, whatever the order', () => {
    const dudley = 'E08000027';
    const sandwell = 'E08000028';
    const places = new Set([dudley, sandwell]);
    // M87008 is in Dudley; M88001 and M88002 are in Sandwell.
    const members = [
      { pcn: 'two to one', practice: 'M88001' },
      { pcn: 'two to one', practice: 'M87008' },
      { pcn: 'two to one', practice: 'M88002' },
      { pcn: 'tied', practice: 'M88001' },
      { pcn: 'tied', practice: 'M87008' },
      { pcn: 'elsewhere', practice: 'NOPE1' },
    ];
    const placed = placesOfPcns(members, places);
    expect([...placed]).toEqual([
      ['two to one', sandwell],
      ['tied', dudley],
    ]);
    expect(placesOfPcns([...members].reverse(), places).get('tied')).toBe(dudley);
  });
});
