import type { Arrangement } from '../../arrangement.ts';
import { formatDate } from '../../date.ts';
import { type Check, type CheckContext, type Finding, finding } from '../../finding.ts';
import { inForceOn } from '../in-force.ts';
import { leadProvider } from './icp.ts';

type Activity = Arrangement['activities'][number];

const s65z5 = 'system.joint-working.s65z5';

/**
 * A provider "responsible" for a commissioning activity holds the commissioner's function.
 * Under the ICP Contract that is an unlawful delegation (Service Condition 1.8.3; ICP
 * Contract consultation, paragraphs 81 and 83). From 1 July 2022 an ICB or NHS England may
 * instead delegate a function formally to an NHS trust or foundation trust under NHS Act
 * 2006 s65Z5 (the 2020 framework's Option 2, paragraphs 3.20 and 3.23); that is checked
 * against the s65Z5 rule.
 */
export const providerHoldsFunction: Check = (ctx) =>
  ctx.arrangement.activities.flatMap((x, i) => {
    if (x.provider_role !== 'responsible') return [];
    return x.delegated_under === 's65z5' ? viaS65z5(ctx, x, i) : viaContract(ctx, x, i);
  });

function providerOf(ctx: CheckContext, x: Activity) {
  const id = x.provider ?? leadProvider(ctx.arrangement)?.provider.id;
  return ctx.arrangement.providers.find((p) => p.id === id) ?? ctx.arrangement.providers[0];
}

function viaContract(ctx: CheckContext, x: Activity, i: number): Finding[] {
  const rule = 'contract.sc-1-8';
  if (!inForceOn(ctx, rule)) return [];
  const p = providerOf(ctx, x);
  const canDelegate =
    inForceOn(ctx, s65z5) && (p?.kind === 'nhs-trust' || p?.kind === 'nhs-foundation-trust')
      ? ' If the ICB means to hand this function over, it can do so only by a formal delegation under NHS Act 2006 s65Z5 (set delegated_under: s65z5).'
      : '';
  return [
    finding(ctx, rule, {
      severity: 'error',
      message: `${p?.name ?? 'The provider'} is made responsible for the commissioner's activity '${x.activity}'. A commissioner keeps legal responsibility for its functions: under the ICP Contract a provider may support but not take them, and doing so would be an unlawful delegation (Service Condition 1.8.3).${canDelegate}`,
      path: `activities[${i}].provider_role`,
    }),
  ];
}

function viaS65z5(ctx: CheckContext, x: Activity, i: number): Finding[] {
  const entry = ctx.rulebook.entry(s65z5);
  const version = inForceOn(ctx, s65z5);
  const path = `activities[${i}].delegated_under`;
  if (!version) {
    const first = entry.versions[0];
    return [
      finding(ctx, s65z5, {
        severity: 'error',
        message: `'${x.activity}' is said to be delegated under s65Z5, but that power exists only from ${formatDate(first?.from ?? '2022-07-01')}; on ${formatDate(ctx.on)} a commissioner could not delegate its functions to a provider.`,
        path,
        ...(first ? { version: first } : {}),
      }),
    ];
  }
  const p = providerOf(ctx, x);
  const kinds = 'provider_kinds' in version ? version.provider_kinds : [];
  const delegators = 'commissioner_kinds' in version ? version.commissioner_kinds : [];
  const nhsDelegator = ctx.arrangement.commissioners.find(
    (c) => (c.kind === 'icb' || c.kind === 'nhs-england') && delegators.includes(c.kind),
  );
  if (!p || !kinds.includes(p.kind)) {
    return [
      finding(ctx, s65z5, {
        severity: 'error',
        message: `${p?.name ?? 'The provider'} is a ${p?.kind ?? 'provider'}; under s65Z5 an NHS commissioner can delegate its functions only to an NHS trust, an NHS foundation trust or a local or combined authority, so this delegation is unlawful.`,
        path,
      }),
    ];
  }
  if (!nhsDelegator) {
    return [
      finding(ctx, s65z5, {
        severity: 'error',
        message: `'${x.activity}' is said to be delegated under s65Z5, but no ICB or NHS England is a commissioner here to delegate it.`,
        path,
      }),
    ];
  }
  return [
    finding(ctx, s65z5, {
      severity: 'information',
      message: `${nhsDelegator.name} delegates '${x.activity}' to ${p.name} under s65Z5. That is lawful from 1 July 2022; ${nhsDelegator.name} stays accountable and must follow NHS England's statutory guidance on what may be delegated.`,
      path,
    }),
  ];
}
