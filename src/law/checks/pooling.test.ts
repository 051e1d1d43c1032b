import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../core/errors.ts';
import { Arrangement, type ArrangementInput } from '../arrangement.ts';
import { checkArrangement } from '../check.ts';
import { serviceIds } from '../pooling.ts';
import { loadRulebook } from '../rulebook.ts';

const rulebook = loadRulebook();

function arrangement(services: string[], mechanism = 's75'): Arrangement {
  const input: ArrangementInput = {
    name: 'Test pool',
    commissioners: [
      { id: 'ccg', name: 'NHS Test CCG', kind: 'ccg', delegated_primary_medical: true },
      { id: 'council', name: 'Test Council', kind: 'local-authority' },
      { id: 'nhse', name: 'NHS England', kind: 'nhs-england' },
    ],
    providers: [{ id: 'trust', name: 'Test NHS Trust', kind: 'nhs-trust' }],
    services: services.map((service) => ({ service, commissioner: 'ccg' })),
    funds: [
      {
        id: 'pool',
        name: 'Test pool',
        kind: 'pooled',
        mechanism: mechanism as 's75',
        parties: ['ccg', 'council', 'nhse'],
        services,
      },
    ],
  };
  return Arrangement.parse(input);
}

describe('pooling checks', () => {
  it('treats an unknown service as bad input naming where it is and the valid ids', () => {
    const a = arrangement(['community-health', 'district-nursing']);
    try {
      checkArrangement(rulebook, a, '2019-06-01');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).field).toBe('services[1].service');
      expect((error as InvalidInput).hint).toContain('community-health');
    }
  });

  it('reports every s75-excluded service in a s75 pool, and only those', () => {
    const on = '2019-06-01';
    const ids = serviceIds(rulebook, on);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 6 }), (services) => {
        const report = checkArrangement(rulebook, arrangement(services), on);
        const flagged = report.findings
          .filter((f) => f.rule.startsWith('pooling.s75-exclusion.'))
          .map((f) => services[Number(/services\[(\d+)\]$/.exec(f.path)?.[1])]);
        const excluded = services.filter((s) => {
          const v = rulebook.require(`pooling.service.${s}`, on, 'pooling-service');
          return v.s75 !== 'included';
        });
        expect([...flagged].sort()).toEqual([...excluded].sort());
      }),
      { numRuns: 60 },
    );
  });

  it('refuses primary medical money pooled between CCGs under s14Z3A', () => {
    const a = Arrangement.parse({
      name: 'Two CCGs',
      commissioners: [
        { id: 'a', name: 'NHS A CCG', kind: 'ccg', delegated_primary_medical: true },
        { id: 'b', name: 'NHS B CCG', kind: 'ccg', delegated_primary_medical: true },
      ],
      providers: [{ id: 'trust', name: 'Test NHS Trust', kind: 'nhs-trust' }],
      services: [{ service: 'primary-medical', commissioner: 'a' }],
      funds: [
        {
          id: 'p',
          name: 'GP pool',
          kind: 'pooled',
          mechanism: 's14z3a',
          parties: ['a', 'b'],
          services: ['primary-medical'],
        },
      ],
    });
    const report = checkArrangement(rulebook, a, '2019-06-01');
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'pooling.route.primary-medical',
        path: 'funds[0].services[0]',
        severity: 'error',
      }),
    );
  });
});
