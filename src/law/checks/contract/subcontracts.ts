import { type Check, type Finding, finding } from '../../finding.ts';
import { inForceOn, listOf } from '../in-force.ts';

/**
 * The ICP may let a subcontract only with a commissioner's approval (ICP Contract
 * consultation, paragraphs 49-50). Approving is the commissioner's decision, so approval by
 * a provider is an error; no recorded approval is a warning (it may not be let yet); an
 * approver that commissions none of the subcontracted services is a warning, because that
 * commissioner cannot speak for those services.
 */
export const subcontractApproval: Check = (ctx) => {
  const rule = 'contract.subcontract-approval';
  if (!inForceOn(ctx, rule)) return [];
  const a = ctx.arrangement;
  return a.subcontracts.flatMap((s, i): Finding[] => {
    const what = `The subcontract with ${s.subcontractor} (${listOf(s.services)})`;
    if (s.approved_by === undefined) {
      return [
        finding(ctx, rule, {
          severity: 'warning',
          message: `${what} records no commissioner approval. The ICP may let a subcontract only once the commissioners approve it; record which commissioner approved it in approved_by.`,
          path: `subcontracts[${i}].approved_by`,
        }),
      ];
    }
    const provider = a.providers.find((p) => p.id === s.approved_by);
    if (provider) {
      return [
        finding(ctx, rule, {
          severity: 'error',
          message: `${what} is approved by ${provider.name}, a provider. Approving a subcontract is the commissioners' decision; a provider cannot approve its own supply chain.`,
          path: `subcontracts[${i}].approved_by`,
        }),
      ];
    }
    const commissioner = a.commissioners.find((c) => c.id === s.approved_by);
    const commissions = a.services.filter((x) => x.commissioner === s.approved_by).map((x) => x.service);
    if (commissioner && !s.services.some((x) => commissions.includes(x))) {
      return [
        finding(ctx, rule, {
          severity: 'warning',
          message: `${what} is approved by ${commissioner.name}, which does not commission any of those services here. The approval should come from the commissioner of the subcontracted services.`,
          path: `subcontracts[${i}].approved_by`,
        }),
      ];
    }
    return [];
  });
};

/**
 * Key subcontractors, and any subcontractor whose approval was made conditional on one,
 * must sign a Direct Agreement with the commissioners so they can step in and keep the
 * service going (paragraphs 50 and 57).
 */
export const directAgreement: Check = (ctx) => {
  const rule = 'contract.direct-agreement';
  if (!inForceOn(ctx, rule)) return [];
  return ctx.arrangement.subcontracts.flatMap((s, i) => {
    if (s.direct_agreement === true || !(s.key || s.direct_agreement_required)) return [];
    const why = s.key ? 'it is a key subcontract' : 'the commissioners made one a condition of approving it';
    return [
      finding(ctx, rule, {
        severity: 'error',
        message: `${s.subcontractor} has not signed a Direct Agreement with the commissioners, but ${why}. Without it the commissioners cannot take over the subcontracted services (${listOf(s.services)}) if the ICP Contract ends or is suspended.`,
        path: `subcontracts[${i}].direct_agreement`,
      }),
    ];
  });
};

/** Subcontracting passes on work the ICP is commissioned to do; it cannot add services (paragraph 49). */
export const subcontractWithinScope: Check = (ctx) => {
  const rule = 'contract.subcontract-approval';
  if (!inForceOn(ctx, rule)) return [];
  const a = ctx.arrangement;
  const provided = new Set(a.services.filter((s) => s.provider !== undefined).map((s) => s.service));
  return a.subcontracts.flatMap((s, i) => {
    const outside = s.services.filter((x) => !provided.has(x));
    if (!outside.length) return [];
    return [
      finding(ctx, rule, {
        severity: 'warning',
        message: `The subcontract with ${s.subcontractor} covers ${listOf(outside)}, which no provider in this arrangement is commissioned to provide. A subcontract can only pass on services the ICP itself holds.`,
        path: `subcontracts[${i}].services`,
      }),
    ];
  });
};
