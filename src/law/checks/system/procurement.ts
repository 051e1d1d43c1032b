import { formatDate } from '../../date.ts';
import { type Check, type CheckContext, finding } from '../../finding.ts';
import { inForceOn, listOf } from '../in-force.ts';

const regimes = ['system.procurement.pcr-2015', 'system.procurement.psr-2023'] as const;

/** The regime in force on the award date, or undefined before 18 April 2016 (not encoded). */
function regimeOn(ctx: CheckContext, on: string) {
  for (const id of regimes) {
    const version = inForceOn(ctx, id, on);
    if (version && 'routes' in version) return { id, version };
  }
  return undefined;
}

/**
 * The route by which the contract is awarded must exist under the procurement rules in
 * force on the award date: Public Contracts Regulations 2015 until 31 December 2023, the
 * Provider Selection Regime from 1 January 2024. Findings cite the version for the award
 * date, which may differ from the date checked.
 */
export const procurementRoute: Check = (ctx) => {
  const p = ctx.arrangement.procurement;
  if (!p) return [];
  const on = p.awarded_on ?? ctx.on;
  const regime = regimeOn(ctx, on);
  if (!regime) return [];
  const { id, version } = regime;
  const when = p.awarded_on
    ? `awarded on ${formatDate(on)}`
    : `awarded on ${formatDate(on)} (the date checked)`;
  const path = 'procurement.route';
  if (!version.routes.some((r) => r.route === p.route)) {
    const psrRoute = [
      'direct-award-a',
      'direct-award-b',
      'direct-award-c',
      'most-suitable-provider',
    ].includes(p.route);
    const why =
      id === 'system.procurement.pcr-2015' && psrRoute
        ? 'that route belongs to the Provider Selection Regime, which applies only from 1 January 2024'
        : 'from 1 January 2024 NHS health care services are no longer bought under the Public Contracts Regulations 2015';
    return [
      finding(ctx, id, {
        severity: 'error',
        message: `A contract ${when} cannot use the route '${p.route}': ${why}. The routes then were ${listOf(version.routes.map((r) => r.route))}.`,
        path,
        version,
      }),
    ];
  }
  const note = version.routes.find((r) => r.route === p.route)?.text ?? '';
  if (p.route === 'direct-award-without-advert') {
    return [
      finding(ctx, id, {
        severity: 'warning',
        message: `A contract ${when} without any advert: ${note} The ICP Contract consultation expected commissioners to advertise their intention to award (paragraphs 61 and 64).`,
        path,
        version,
      }),
    ];
  }
  const standstill =
    version.standstill_working_days &&
    ['direct-award-c', 'most-suitable-provider', 'competitive'].includes(p.route)
      ? ` After the notice of intention there is a standstill: providers may make representations until the end of the ${version.standstill_working_days}th working day after the day the standstill begins.`
      : '';
  return [
    finding(ctx, id, {
      severity: 'information',
      message: `A contract ${when} by '${p.route}': ${note}${standstill}`,
      path,
      version,
    }),
  ];
};
