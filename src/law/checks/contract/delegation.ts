import type { Arrangement } from '../../arrangement.ts';
import { formatDate } from '../../date.ts';
import { type Check, type CheckContext, type Finding, finding } from '../../finding.ts';
import { inForceOn } from '../in-force.ts';
import { leadProvider } from './icp.ts';

type Activity = Arrangement['activities'][number];

const s65z5 = 'system.joint-working.s65z5';

/**
 * From 1 July 2022 an ICB or NHS England may delegate a function formally to an NHS trust or
 * foundation trust under NHS Act 2006 s65Z5 (the 2020 framework's Option 2, paragraphs 3.20
 * and 3.23). Any other provider "responsible" for a commissioning activity is an unlawful
 * delegation, reported by the non-delegation principle (checks/functions.ts) citing Service
 * Condition 1.8.
 */
export const providerHoldsFunction: Check = (ctx) =>
  ctx.arrangement.activities.flatMap((x, i) =>
    x.provider_role === 'responsible' && x.delegated_under === 's65z5' ? viaS65z5(ctx, x, i) : [],
  );

function providerOf(ctx: CheckContext, x: Activity) {
  const id = x.provider ?? leadProvider(ctx.arrangement)?.provider.id;
  return ctx.arrangement.providers.find((p) => p.id === id) ?? ctx.arrangement.providers[0];
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
