import { type Check, finding } from '../../finding.ts';
import { inForceOn } from '../in-force.ts';
import { isPositiveAmount, leadProvider } from './icp.ts';

/**
 * Money put at risk on local indicators beyond the national schemes must pass national
 * assurance before award (ICP Contract consultation, paragraph 45). The document sets no
 * cap; assurance judges what is sustainable, so Concordat checks the assurance, not a sum.
 */
export const localMoneyAtRisk: Check = (ctx) => {
  const rule = 'contract.incentives.local-at-risk';
  const at = ctx.arrangement.incentives;
  if (!inForceOn(ctx, rule) || !at?.local_indicators_at_risk) return [];
  if (!isPositiveAmount(at.local_indicators_at_risk) || at.national_assurance === true) return [];
  return [
    finding(ctx, rule, {
      severity: 'error',
      message: `${at.local_indicators_at_risk} is put at risk on local indicators added to the national incentive schemes, but it has not passed national assurance. Extra money at risk must be assured nationally before the contract is awarded, so the ICP's financial risk stays sustainable.`,
      path: 'incentives.national_assurance',
    }),
  ];
};

/** QOF for fully integrated practices' lists flows to the ICP (paragraph 44): told, not tested. */
export const qofToIcp: Check = (ctx) => {
  const rule = 'contract.incentives.national-schemes';
  const a = ctx.arrangement;
  const lead = leadProvider(a);
  const full = a.gp_practices.filter((p) => p.mode === 'full');
  if (!inForceOn(ctx, rule) || !lead || !full.length) return [];
  return [
    finding(ctx, rule, {
      severity: 'information',
      message: `QOF payments for the registered lists of the ${full.length} fully integrated practice${full.length === 1 ? '' : 's'} are paid to ${lead.provider.name} on the national terms; CQUIN applies to its other services except primary care.`,
      path: 'gp_practices',
    }),
  ];
};
