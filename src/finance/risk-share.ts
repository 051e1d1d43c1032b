import { InvalidInput } from '../core/errors.ts';
import { formatPounds, type Pence, pence } from '../core/money.ts';
import {
  compare,
  formatPercent,
  minus,
  multiply,
  none,
  plus,
  type Rate,
  ratio,
  roundHalfAwayFromZero,
  share,
} from '../money/rate.ts';
import { type Figure, figure, type ParameterUse } from './trace.ts';

/** A corridor: the provider's share of the variance up to `up_to` (a fraction of the budget); the last has none. */
export interface Corridor {
  up_to?: Rate | undefined;
  provider_share: Rate;
}

export interface RiskShareResult {
  provider: Figure;
  commissioners: Figure;
  provider_share_of_budget: Rate;
}

/**
 * Gain/loss share with tiered corridors (a locally agreed term; the seeds require the
 * balance of risk to be sustainable, seed 001 paragraphs 42 and 45). The variance (loss
 * positive, gain negative) is measured as a fraction of the budget; each corridor's slice of
 * it is borne by the provider at that corridor's share; the exact total is rounded once and
 * then limited by the cap. Example: 100% of the first 2%, 50% of 2–4%, 20% above 4%: a 5%
 * loss costs the provider 2% + 1% + 0.2% = 3.2% of the budget.
 */
export function riskShare(
  budget: Pence,
  variance: Pence,
  corridors: readonly Corridor[],
  cap?: Pence,
  field = 'risk_share',
  corridorSource?: ParameterUse,
): RiskShareResult {
  if (budget <= 0) throw new InvalidInput(`${field}.budget`, 'must be above £0.00');
  if (corridors.length === 0) throw new InvalidInput(`${field}.corridors`, 'has no corridors');
  let lower = none;
  corridors.forEach((c, i) => {
    if (c.up_to !== undefined) {
      if (compare(c.up_to, lower) <= 0)
        throw new InvalidInput(`${field}.corridors[${i}].up_to`, 'must be above the corridor before it');
      lower = c.up_to;
    } else if (i !== corridors.length - 1) {
      throw new InvalidInput(`${field}.corridors[${i}].up_to`, 'only the last corridor may be open-ended');
    }
    if (compare(c.provider_share, none) < 0 || compare(c.provider_share, ratio(1)) > 0) {
      throw new InvalidInput(`${field}.corridors[${i}].provider_share`, 'must be between 0% and 100%');
    }
  });
  if (cap !== undefined && cap < 0) throw new InvalidInput(`${field}.cap`, 'must not be negative');
  const size = share(Math.abs(variance) as Pence, budget);
  let borne = none;
  let from = none;
  for (const c of corridors) {
    const to = c.up_to && compare(c.up_to, size) < 0 ? c.up_to : size;
    if (compare(to, from) > 0) borne = plus(borne, multiply(minus(to, from), c.provider_share));
    if (!c.up_to || compare(c.up_to, size) >= 0) break;
    from = c.up_to;
  }
  const exact = pence(roundHalfAwayFromZero(BigInt(budget) * borne.n, borne.d), field);
  const capped = cap !== undefined && exact > cap ? cap : exact;
  const signed = pence(variance < 0 ? -capped : capped);
  const kind = variance < 0 ? 'gain' : 'loss';
  // Written out only when the figures are explained.
  const inputs = () => ({
    budget: formatPounds(budget),
    variance: formatPounds(variance),
    variance_share: formatPercent(size, 3),
    corridors: corridors
      .map(
        (c) =>
          `${formatPercent(c.provider_share, 0)} ${c.up_to ? `up to ${formatPercent(c.up_to, 2)}` : 'beyond'}`,
      )
      .join(', '),
    ...(cap !== undefined ? { cap: formatPounds(cap) } : {}),
  });
  return {
    provider: figure(
      signed,
      `provider's share of the ${kind}`,
      "each corridor's slice of the variance × its provider share, rounded once, then capped",
      () => ({ inputs: inputs(), parameters: corridorSource ? [corridorSource] : [] }),
    ),
    commissioners: figure(
      pence(variance - signed),
      `commissioners' share of the ${kind}`,
      'variance − provider share',
      () => ({ inputs: inputs(), parameters: corridorSource ? [corridorSource] : [] }),
    ),
    provider_share_of_budget: share(capped, budget),
  };
}
