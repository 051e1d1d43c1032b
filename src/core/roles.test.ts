import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contractActorsFor,
  decisionEvents,
  describeRoles,
  editors,
  eventTypesOfferedTo,
  holdsOneOf,
  isAdministrator,
  partiesDecidedBy,
  type RoleGrant,
  roles,
  rolesFor,
} from './roles.ts';

const organisations = ['QUA', '05C', 'E08000027', 'RYK'];
const grant = fc.record({
  role: fc.constantFrom(...roles),
  organisation: fc.option(fc.constantFrom(...organisations), { nil: null }),
});

describe('roles held for parties', () => {
  it('count England-wide always, and for an organisation only when it is a party', () => {
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 5 }), fc.subarray(organisations), (grants, parties) => {
        const held = rolesFor(grants, parties);
        for (const role of roles) {
          const expected = grants.some(
            (g) => g.role === role && (g.organisation === null || parties.includes(g.organisation)),
          );
          expect(held.has(role)).toBe(expected);
          expect(holdsOneOf(grants, [role], parties)).toBe(expected);
        }
      }),
    );
  });
});

describe('who may edit an arrangement or enter a contract', () => {
  const parties = ['05C', 'E08000027', 'RYK'];
  const mayEdit = (g: RoleGrant) => holdsOneOf([g], editors, parties);
  it('lets commissioners and councils that are parties edit, and administrators anywhere', () => {
    expect(mayEdit({ role: 'commissioner', organisation: '05C' })).toBe(true);
    expect(mayEdit({ role: 'local-authority', organisation: 'E08000027' })).toBe(true);
    expect(mayEdit({ role: 'administrator', organisation: null })).toBe(true);
  });
  it('refuses providers, viewers, assurers and commissioners of other places', () => {
    expect(mayEdit({ role: 'provider', organisation: 'RYK' })).toBe(false);
    expect(mayEdit({ role: 'assurer', organisation: null })).toBe(false);
    expect(mayEdit({ role: 'viewer', organisation: '05C' })).toBe(false);
    expect(mayEdit({ role: 'commissioner', organisation: '06A' })).toBe(false);
  });
});

describe('who decides a change to the parties', () => {
  it('is a commissioner or council of the party; never a provider or an England-wide role', () => {
    const awaiting = ['E08000027', 'QUA'];
    expect(partiesDecidedBy([{ role: 'local-authority', organisation: 'E08000027' }], awaiting)).toEqual([
      'E08000027',
    ]);
    expect(partiesDecidedBy([{ role: 'commissioner', organisation: '05C' }], awaiting)).toEqual([]);
    expect(partiesDecidedBy([{ role: 'provider', organisation: 'QUA' }], awaiting)).toEqual([]);
    expect(partiesDecidedBy([{ role: 'commissioner', organisation: null }], awaiting)).toEqual([]);
    expect(isAdministrator([{ role: 'administrator', organisation: null }])).toBe(true);
    expect(isAdministrator([{ role: 'assurer', organisation: null }])).toBe(false);
  });
});

describe('who a user may record contract events as', () => {
  it('is the union of what each role may act as', () => {
    expect(contractActorsFor([{ role: 'provider', organisation: 'RYK' }])).toEqual(['provider', 'practice']);
    expect(
      contractActorsFor([
        { role: 'commissioner', organisation: 'QUA' },
        { role: 'local-authority', organisation: 'E08000027' },
        { role: 'assurer', organisation: null },
      ]),
    ).toEqual(['commissioner', 'nhs-england']);
    expect(contractActorsFor([{ role: 'viewer', organisation: null }])).toEqual([]);
  });
});

describe('contract events offered to a user', () => {
  const types = ['service-commenced', 'subcontract-approved', 'commissioner-termination'];
  it('offers a statutory decision only to a commissioner of one of the parties', () => {
    const parties = ['QUA', 'RYK'];
    expect(eventTypesOfferedTo([{ role: 'commissioner', organisation: 'QUA' }], parties, types)).toEqual(
      types,
    );
    for (const grants of [
      [{ role: 'provider', organisation: 'RYK' }],
      [{ role: 'assurer', organisation: null }],
      [{ role: 'commissioner', organisation: '05C' }],
    ] satisfies RoleGrant[][]) {
      expect(eventTypesOfferedTo(grants, parties, types)).toEqual(['service-commenced']);
    }
  });

  it('never offers a decision event to a user without a deciding role for the parties', () => {
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 4 }), fc.subarray(organisations), (grants, parties) => {
        const offered = eventTypesOfferedTo(grants, parties, Object.keys(decisionEvents));
        expect(offered.length === 0 || holdsOneOf(grants, ['commissioner', 'local-authority'], parties)).toBe(
          true,
        );
      }),
    );
  });
});

describe('roles in a refusal', () => {
  it('names each role with its organisation, or England-wide', () => {
    expect(
      describeRoles([
        { role: 'commissioner', organisation: 'QUA' },
        { role: 'assurer', organisation: null },
      ]),
    ).toBe('commissioner (QUA), assurer (England-wide)');
    expect(describeRoles([])).toBe('no role');
  });
});
