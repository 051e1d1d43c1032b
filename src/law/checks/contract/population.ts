import { type Check, finding } from '../../finding.ts';
import { inForceOn, listOf } from '../in-force.ts';
import { leadProvider, servicesProvidedBy } from './icp.ts';

/**
 * Who the ICP serves (ICP Contract consultation, paragraph 34): everyone registered with it
 * or with an integrated practice, plus unregistered residents of its area. Without
 * integrated practices or a named place the area is undefined: a warning. Otherwise the
 * population is described, with the registered list where practices give list sizes.
 */
export const populationServed: Check = (ctx) => {
  const rule = 'contract.population-served';
  const a = ctx.arrangement;
  const lead = leadProvider(a);
  if (!inForceOn(ctx, rule) || !lead) return [];
  const integrated = a.gp_practices.filter((p) => p.mode !== 'none');
  if (!integrated.length && !a.place) {
    return [
      finding(ctx, rule, {
        severity: 'warning',
        message: `The area ${lead.provider.name} serves is not defined: no GP practice is integrated with it and no place is named. Commissioners define the ICP's area, usually by the practice areas of the integrated practices; name the place or list the practices.`,
        path: 'gp_practices',
      }),
    ];
  }
  const sized = integrated.filter((p) => p.list_size !== undefined);
  const listed = sized.reduce((sum, p) => sum + (p.list_size ?? 0), 0);
  const count = `${integrated.length} integrated practice${integrated.length === 1 ? '' : 's'}`;
  const size = sized.length
    ? ` (${listed.toLocaleString('en-GB')} registered patients${sized.length < integrated.length ? ` at the ${sized.length} with a list size given` : ''})`
    : '';
  const area = a.place ? `residents of ${a.place}` : 'residents of the integrated practices’ areas';
  const registers = servicesProvidedBy(a, lead.provider.id).includes('primary-medical')
    ? ' Because it holds core GP services, it must register any resident of its area who asks.'
    : '';
  return [
    finding(ctx, rule, {
      severity: 'information',
      message: `${lead.provider.name} serves everyone registered with it or with its ${count}${size}, and ${area} not registered with a practice elsewhere. For all of them it must address health inequalities, stratify risk, analyse population health needs and develop shared electronic records.${registers}`,
      path: 'gp_practices',
      trace: [
        {
          rule: 'contract.core-requirements',
          version_from: ctx.rulebook.require('contract.core-requirements', ctx.on).from,
          outcome: 'applies',
        },
      ],
    }),
  ];
};

/** The choice guarantees of paragraph 59; the GP ones only when the ICP holds GP services. */
export const patientChoice: Check = (ctx) => {
  const rule = 'contract.patient-choice';
  const a = ctx.arrangement;
  const lead = leadProvider(a);
  if (!inForceOn(ctx, rule) || !lead) return [];
  const gp = servicesProvidedBy(a, lead.provider.id).includes('primary-medical');
  const duties = [
    'offer choice of where, how and by whom people are cared for wherever possible',
    'honour the NHS Constitution’s choice rights for secondary and tertiary care',
    ...(gp
      ? [
          'offer a choice of GP and of accessible places to see one',
          'offer enough pre-bookable and same-day GP appointments, including evenings and weekends',
        ]
      : []),
  ];
  return [
    finding(ctx, rule, {
      severity: 'information',
      message: `Bringing services into one contract must not narrow patient choice: ${lead.provider.name} must ${listOf(duties)}.`,
      path: `providers[${lead.index}]`,
    }),
  ];
};

/**
 * The Whole Population Annual Payment is set from current spend on the in-scope services
 * (paragraphs 39-40), so every service the ICP provides needs a funding stream to set it from.
 */
export const wpapBaseline: Check = (ctx) => {
  const rule = 'contract.wpap';
  const a = ctx.arrangement;
  const lead = leadProvider(a);
  if (!inForceOn(ctx, rule) || !lead) return [];
  const funded = new Set(a.funding_streams.map((f) => f.service));
  return a.services.flatMap((s, i) =>
    s.provider === lead.provider.id && !funded.has(s.service)
      ? [
          finding(ctx, rule, {
            severity: 'warning',
            message: `${lead.provider.name} provides ${s.service}, but no funding stream records current spend on it. The Whole Population Annual Payment is set from current spend on the in-scope services, so add its funding stream.`,
            path: `services[${i}]`,
          }),
        ]
      : [],
  );
};
