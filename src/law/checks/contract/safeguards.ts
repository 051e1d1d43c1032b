import { formatDate } from '../../date.ts';
import { addDays, addYears } from '../../date-arithmetic.ts';
import { type Check, finding } from '../../finding.ts';
import { inForceOn, listOf } from '../in-force.ts';
import { isStatutory, leadProvider } from './icp.ts';

/** Provisions a non-statutory ICP always needs; a parent guarantee is only where commissioners ask. */
const alwaysNeeded = [
  'minimum-net-worth',
  'single-purpose-entity',
  'asset-security',
  'distribution-conditions',
];

/**
 * An ICP that is not a statutory body needs the extra provisions of General Conditions
 * 18-20 and 23 (ICP Contract consultation, paragraph 58). NHS England proposed them as
 * appropriate rather than mandatory, so a missing one is a warning.
 */
export const nonStatutoryIcp: Check = (ctx) => {
  const rule = 'contract.non-statutory-icp';
  const version = inForceOn(ctx, rule);
  const lead = leadProvider(ctx.arrangement);
  if (!version || !lead || isStatutory(lead.provider)) return [];
  const agreed = new Set<string>(lead.provider.non_statutory_safeguards ?? []);
  const missing = alwaysNeeded.filter((id) => !agreed.has(id));
  if (!missing.length) return [];
  const provisions = 'provisions' in version ? version.provisions : [];
  const texts = missing.map((id) => {
    const text = (provisions.find((p) => p.id === id)?.text ?? id).replace(/\.$/, '');
    return text.charAt(0).toLowerCase() + text.slice(1);
  });
  return [
    finding(ctx, rule, {
      severity: 'warning',
      message: `${lead.provider.name} is not a statutory body, so the ICP Contract should carry the extra safeguards for a non-statutory ICP. Not yet recorded as agreed: ${texts.join('; ')}. Add each to non_statutory_safeguards once agreed.`,
      path: `providers[${lead.index}].non_statutory_safeguards`,
    }),
  ];
};

/** What every ICP owes on money and service range (paragraphs 54-56): told, not tested. */
export const financialTransparency: Check = (ctx) => {
  const rule = 'contract.financial-transparency';
  const lead = leadProvider(ctx.arrangement);
  if (!inForceOn(ctx, rule) || !lead) return [];
  return [
    finding(ctx, rule, {
      severity: 'information',
      message: `As the ICP, ${lead.provider.name} must give the commissioners an independently audited business plan before each contract year, keep open-book accounts, submit audited accounts every year, be open about senior pay, and keep the full range of services available to the whole population.`,
      path: `providers[${lead.index}]`,
    }),
  ];
};

/**
 * The national guidance contemplates ICP Contract terms of up to ten years (paragraph 32).
 * The term is a local decision, so a longer one is a warning, not an error.
 */
export const termLength: Check = (ctx) => {
  const rule = 'contract.term.maximum-years';
  const a = ctx.arrangement;
  if (!inForceOn(ctx, rule) || !a.term || !leadProvider(a)) return [];
  const max = Number(ctx.rulebook.parameter(rule, ctx.on).value);
  const lastAllowed = addDays(addYears(a.term.start, max), -1);
  if (a.term.end <= lastAllowed) return [];
  return [
    finding(ctx, rule, {
      severity: 'warning',
      message: `The term runs from ${formatDate(a.term.start)} to ${formatDate(a.term.end)}, longer than the ${max} years the national guidance contemplates for an ICP Contract (it would end by ${formatDate(lastAllowed)}). The term is a local decision, but a longer one needs its own justification.`,
      path: 'term.end',
    }),
  ];
};

/**
 * Commissioners are expected to agree detailed exit arrangements in the contract
 * (paragraph 57): a warning when the file says they are not agreed, a reminder when it is silent.
 */
export const exitArrangements: Check = (ctx) => {
  const rule = 'contract.continuity-safeguards';
  const a = ctx.arrangement;
  if (!inForceOn(ctx, rule) || !a.term || !leadProvider(a) || a.term.exit_arrangements === true) return [];
  const agreedNot = a.term.exit_arrangements === false;
  return [
    finding(ctx, rule, {
      severity: agreedNot ? 'warning' : 'information',
      message: `${agreedNot ? 'No exit arrangements are agreed.' : 'The file does not say whether exit arrangements are agreed.'} The ICP Contract expects detailed exit arrangements, covering ${listOf(['transition of services to a new provider', 'the financial consequences of termination'])}, with notice periods long enough to recommission.`,
      path: 'term.exit_arrangements',
    }),
  ];
};
