import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arrangement } from '../../arrangement.ts';
import { loadRulebook } from '../../rulebook.ts';
import { directAgreement, subcontractApproval } from './subcontracts.ts';

const rulebook = loadRulebook();

function withSubcontract(sub: Record<string, unknown>) {
  return Arrangement.parse({
    name: 'Test subcontract',
    commissioners: [
      { id: 'an-icb', name: 'NHS Anytown ICB', kind: 'icb' },
      { id: 'a-council', name: 'Anytown Council', kind: 'local-authority' },
    ],
    providers: [
      { id: 'icp', name: 'Anytown ICP', kind: 'nhs-trust', lead: true },
      { id: 'other', name: 'Other Trust', kind: 'nhs-trust' },
    ],
    services: [{ service: 'mental-health', commissioner: 'an-icb', provider: 'icp' }],
    subcontracts: [{ id: 'sub', subcontractor: 'Talk Well CIC', services: ['mental-health'], ...sub }],
  });
}

const on = '2026-12-01';

describe('subcontract approval', () => {
  it('is an error whichever provider approves', () => {
    for (const approver of ['icp', 'other']) {
      const [f] = subcontractApproval({
        rulebook,
        arrangement: withSubcontract({ approved_by: approver }),
        on,
      });
      expect(f).toMatchObject({ severity: 'error', path: 'subcontracts[0].approved_by' });
    }
  });

  it('is silent when the commissioner of the service approves, and warns when another commissioner does', () => {
    expect(
      subcontractApproval({ rulebook, arrangement: withSubcontract({ approved_by: 'an-icb' }), on }),
    ).toEqual([]);
    const [f] = subcontractApproval({
      rulebook,
      arrangement: withSubcontract({ approved_by: 'a-council' }),
      on,
    });
    expect(f?.severity).toBe('warning');
  });
});

describe('direct agreements', () => {
  it('are demanded exactly when the subcontract is key or made conditional and none is signed', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.boolean(), { nil: undefined }),
        (key, required, signed) => {
          const a = withSubcontract({
            approved_by: 'an-icb',
            key,
            direct_agreement_required: required,
            ...(signed === undefined ? {} : { direct_agreement: signed }),
          });
          const found = directAgreement({ rulebook, arrangement: a, on });
          expect(found.length).toBe((key || required) && signed !== true ? 1 : 0);
        },
      ),
    );
  });
});
