import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arrangement } from '../../arrangement.ts';
import { loadRulebook } from '../../rulebook.ts';
import { procurementRoute } from './procurement.ts';

const rulebook = loadRulebook();
const psrOnly = ['direct-award-a', 'direct-award-b', 'direct-award-c', 'most-suitable-provider'] as const;
const pcrOnly = ['single-bidder-after-advert', 'direct-award-without-advert'] as const;

function awarded(route: string, awarded_on: string) {
  return Arrangement.parse({
    name: 'Test award',
    commissioners: [{ id: 'an-icb', name: 'NHS Anytown ICB', kind: 'icb' }],
    providers: [{ id: 'icp', name: 'Anytown ICP', kind: 'nhs-trust', lead: true }],
    services: [{ service: 'community-health', commissioner: 'an-icb', provider: 'icp' }],
    procurement: { route, awarded_on },
  });
}

const day = (min: string, max: string) =>
  fc
    .date({ min: new Date(min), max: new Date(max), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

describe('procurement route on the award date', () => {
  it('refuses every PSR-only route for awards under the PCR 2015', () => {
    fc.assert(
      fc.property(fc.constantFrom(...psrOnly), day('2016-04-18', '2023-12-31'), (route, on) => {
        const [f] = procurementRoute({ rulebook, arrangement: awarded(route, on), on: '2026-12-01' });
        expect(f).toMatchObject({ rule: 'system.procurement.pcr-2015', severity: 'error' });
      }),
    );
  });

  it('refuses the PCR-only routes for awards under the PSR', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pcrOnly), day('2024-01-01', '2035-12-31'), (route, on) => {
        const [f] = procurementRoute({ rulebook, arrangement: awarded(route, on), on: '2026-12-01' });
        expect(f).toMatchObject({ rule: 'system.procurement.psr-2023', severity: 'error' });
      }),
    );
  });

  it('accepts a competitive award under either regime, citing the one in force on the award date', () => {
    fc.assert(
      fc.property(day('2016-04-18', '2035-12-31'), (on) => {
        const [f] = procurementRoute({ rulebook, arrangement: awarded('competitive', on), on: '2016-04-18' });
        const rule = on < '2024-01-01' ? 'system.procurement.pcr-2015' : 'system.procurement.psr-2023';
        expect(f).toMatchObject({ rule, severity: 'information' });
      }),
    );
  });

  it('says nothing about awards before 18 April 2016', () => {
    expect(
      procurementRoute({ rulebook, arrangement: awarded('competitive', '2016-04-17'), on: '2019-01-01' }),
    ).toEqual([]);
  });
});
