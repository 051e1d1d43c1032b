import type { Arrangement } from '../../arrangement.ts';
import { type Check, type Finding, finding } from '../../finding.ts';
import { inForceOn } from '../in-force.ts';
import { leadProvider } from './icp.ts';

type Practice = Arrangement['gp_practices'][number];

function practiceName(p: Practice): string {
  return p.name ? `${p.name} (${p.ods})` : `Practice ${p.ods}`;
}

/**
 * A partially integrated practice keeps its GMS/PMS contract and signs an Integration
 * Agreement with the ICP (ICP Contract consultation, paragraph 73, first bullet).
 */
export const partialIntegration: Check = (ctx) => {
  const rule = 'contract.gp.partial-integration';
  if (!inForceOn(ctx, rule)) return [];
  return ctx.arrangement.gp_practices.flatMap((p, i) =>
    p.mode === 'partial' && p.integration_agreement !== true
      ? [
          finding(ctx, rule, {
            severity: 'error',
            message: `${practiceName(p)} is partially integrated but has no Integration Agreement with the ICP. Partial integration means keeping the ${p.contract.toUpperCase()} contract and signing an Integration Agreement on how the practice and the ICP work together.`,
            path: `gp_practices[${i}].integration_agreement`,
          }),
        ]
      : [],
  );
};

/**
 * Full integration moves the practice's usual GP services into the ICP Contract, so the ICP
 * must hold primary medical services, and the practice's contract is suspended, which the
 * proposed regulations provide for GMS and PMS only (paragraph 73, second bullet).
 */
export const fullIntegration: Check = (ctx) => {
  const rule = 'contract.gp.full-integration';
  if (!inForceOn(ctx, rule)) return [];
  const a = ctx.arrangement;
  const icpHoldsPrimaryMedical = a.services.some((s) => s.service === 'primary-medical' && s.provider);
  return a.gp_practices.flatMap((p, i): Finding[] => {
    if (p.mode !== 'full') return [];
    const out: Finding[] = [];
    if (!icpHoldsPrimaryMedical) {
      out.push(
        finding(ctx, rule, {
          severity: 'error',
          message: `${practiceName(p)} is fully integrated, but no provider here is commissioned for primary medical services. Full integration moves the practice's usual GP services into the ICP Contract, so the contract must include primary-medical.`,
          path: `gp_practices[${i}].mode`,
        }),
      );
    }
    if (p.contract === 'apms') {
      out.push(
        finding(ctx, rule, {
          severity: 'warning',
          message: `${practiceName(p)} holds an APMS contract. The suspension route for full integration was proposed for GMS and PMS contracts only; an APMS contract would have to be ended or varied instead.`,
          path: `gp_practices[${i}].contract`,
        }),
      );
    }
    return out;
  });
};

/** Practices integrate with an ICP, so an arrangement that integrates practices needs one (paragraphs 72-73). */
export const practicesNeedAnIcp: Check = (ctx) => {
  const rule = 'contract.gp.participation';
  if (!inForceOn(ctx, rule)) return [];
  const a = ctx.arrangement;
  if (leadProvider(a)) return [];
  return a.gp_practices.flatMap((p, i) =>
    p.mode === 'none'
      ? []
      : [
          finding(ctx, rule, {
            severity: 'warning',
            message: `${practiceName(p)} is ${p.mode === 'full' ? 'fully' : 'partially'} integrated, but no provider is marked as the ICP (lead: true) for it to integrate with.`,
            path: `gp_practices[${i}].mode`,
          }),
        ],
  );
};
