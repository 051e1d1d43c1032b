import { type Check, finding } from '../../finding.ts';
import { inForceOn } from '../in-force.ts';
import { leadProvider } from './icp.ts';

/**
 * Money put at risk on local indicators beyond the national schemes must pass national
 * assurance before award (ICP Contract consultation, paragraph 45). The document sets no
 * cap; assurance judges what is sustainable, so Concordat checks the assurance, not a sum.
 */
export const localMoneyAtRisk: Check = (ctx) => {
  const rule = 'contract.incentives.local-at-risk';
  const payment = ctx.arrangement.payment;
  const atRisk = (payment?.local_indicators ?? []).filter((x) => !/^0+(\.0+)?%$/.test(x.at_risk));
  if (!inForceOn(ctx, rule) || !atRisk.length || payment?.national_assurance === true) return [];
  const named = atRisk.map((x) => `${x.name ?? x.id} (${x.at_risk})`).join(', ');
  return [
    finding(ctx, rule, {
      severity: 'error',
      message: `Money is put at risk on local indicators added to the national incentive schemes — ${named} of the in-scope value — but it has not passed national assurance. Extra money at risk must be assured nationally before the contract is awarded, so the ICP's financial risk stays sustainable. Record payment.national_assurance: true once it has.`,
      path: 'payment.national_assurance',
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
