import { type Check, type Finding, finding } from '../../finding.ts';
import { inForceOn, listOf } from '../in-force.ts';

const memberNames: Record<string, string> = {
  'primary-care-provider-leadership': 'primary care provider leadership',
  'local-authority': 'the local authority',
  'director-of-public-health': 'the Director of Public Health',
  'community-health-provider': 'a provider of community health services',
  'mental-health-provider': 'a provider of mental health services',
  healthwatch: 'Healthwatch',
};

/**
 * A place partnership needs the minimum membership and the joint working of the 2020 ICS
 * framework (paragraph 2.31) in 2021/22 and until ICBs were established. These were NHS
 * policy, not law, so a shortfall is a warning.
 */
export const placePartnership: Check = (ctx) => {
  const rule = 'system.ics.place-partnership';
  const version = inForceOn(ctx, rule);
  const pp = ctx.arrangement.place_partnership;
  if (!version || !pp) return [];
  const required = 'required_members' in version ? version.required_members : [];
  const missing = required.filter((m) => !pp.members.includes(m));
  const out: Finding[] = [];
  if (missing.length) {
    out.push(
      finding(ctx, rule, {
        severity: 'warning',
        message: `The place partnership lacks ${listOf(missing.map((m) => memberNames[m] ?? m))}. The 2020 ICS framework expects every place partnership to include at least primary care provider leadership, the local authority with its Director of Public Health, community and mental health providers, and Healthwatch.`,
        path: 'place_partnership.members',
      }),
    );
  }
  if (pp.joint_decisions_with_local_government === false) {
    out.push(
      finding(ctx, rule, {
        severity: 'warning',
        message:
          'The place partnership has no agreed joint decision-making with local government, which the 2020 ICS framework expects of every place.',
        path: 'place_partnership.joint_decisions_with_local_government',
      }),
    );
  }
  if (pp.ics_board_representation === false) {
    out.push(
      finding(ctx, rule, {
        severity: 'warning',
        message:
          'The place partnership is not represented on the ICS board, which the 2020 ICS framework expects of every place.',
        path: 'place_partnership.ics_board_representation',
      }),
    );
  }
  return out;
};

/** Acute and mental health providers should each belong to a provider collaborative (paragraph 2.31). */
export const providerCollaborative: Check = (ctx) => {
  const rule = 'system.ics.provider-collaborative';
  const version = inForceOn(ctx, rule);
  if (!version) return [];
  const sectors: readonly string[] = 'sectors' in version ? version.sectors : [];
  return ctx.arrangement.providers.flatMap((p, i) =>
    p.sector && sectors.includes(p.sector) && !p.provider_collaborative
      ? [
          finding(ctx, rule, {
            severity: 'warning',
            message: `${p.name} provides ${p.sector} services but belongs to no provider collaborative. The 2020 ICS framework expects every acute and mental health provider to work in at least one, represented on the ICS board.`,
            path: `providers[${i}].provider_collaborative`,
          }),
        ]
      : [],
  );
};

/**
 * Prescribed specialised services are NHS England's to commission (NHS Act 2006 s3B), and
 * the 2020 principles keep national standards wherever they are commissioned; a CCG never
 * held that budget.
 */
export const specialisedNotByCcg: Check = (ctx) => {
  const rule = 'system.ics.specialised-commissioning';
  if (!inForceOn(ctx, rule)) return [];
  const a = ctx.arrangement;
  return a.funding_streams.flatMap((f, i) => {
    const c = a.commissioners.find((x) => x.id === f.commissioner);
    if (f.source !== 'specialised' || c?.kind !== 'ccg') return [];
    return [
      finding(ctx, rule, {
        severity: 'error',
        message: `${c.name} is shown funding ${f.service} from the specialised commissioning budget. Prescribed specialised services are commissioned by NHS England (or, later, by ICBs under delegation), never by a CCG; name NHS England as the commissioner.`,
        path: `funding_streams[${i}].commissioner`,
      }),
    ];
  });
};
