import { InvalidInput } from '../core/errors.ts';
import type { FundingSource, FundingStream } from './arrangement.ts';
import { formatDate, type IsoDate } from './date.ts';
import type { Classification } from './kinds/pooling.ts';
import type { ResolvedCitation, Rulebook, RuleVersion } from './rulebook.ts';

/** Service entries are `pooling.service.<service id>` (rulebook/pooling/services.yaml). */
const prefix = 'pooling.service.';

export interface ServiceRule {
  service: string;
  rule: string;
  title: string;
  version: RuleVersion<'pooling-service'>;
}

/** The service ids in the catalogue on a date, sorted. */
export function serviceIds(rulebook: Rulebook, on: IsoDate): string[] {
  return rulebook
    .inForce('pooling-service', on)
    .map(({ entry }) => entry.id.slice(prefix.length))
    .sort();
}

function allServiceIds(rulebook: Rulebook): string[] {
  return [...rulebook.entries.keys()]
    .filter((id) => id.startsWith(prefix))
    .map((id) => id.slice(prefix.length))
    .sort();
}

/** A service from the catalogue, or bad input that lists the valid ids for that date. */
export function requireService(
  rulebook: Rulebook,
  service: string,
  on: IsoDate,
  field = 'service',
): ServiceRule {
  const rule = `${prefix}${service}`;
  const entry = rulebook.entries.get(rule);
  if (entry?.kind === 'pooling-service' && !rulebook.versionOn(entry, on)) rulebook.require(rule, on);
  const version = entry?.kind === 'pooling-service' ? rulebook.versionOn(entry, on) : undefined;
  if (!entry || !version) {
    throw new InvalidInput(
      field,
      `'${service}' is not a service in the rulebook on ${formatDate(on)}`,
      `Use one of ${(serviceIds(rulebook, on).length ? serviceIds(rulebook, on) : allServiceIds(rulebook)).join(', ')}.`,
    );
  }
  return { service, rule, title: entry.title, version: version as RuleVersion<'pooling-service'> };
}

/** How a service's or a funding stream's money may be held, with the rule that says so. */
export interface FundingClassification {
  service: string;
  /** The service's name in the rulebook, e.g. "NHS continuing healthcare". */
  title: string;
  source?: FundingSource | undefined;
  classification: Classification;
  rule: string;
  reason: string;
  condition?: string | undefined;
  citations: ResolvedCitation[];
}

/**
 * A service's money in an integrated budget built under s75 (the usual case once a local
 * authority is in): NHS England functions follow their commissioning route; services the
 * s75 regulations exclude are aligned and ring-fenced; everything else may be pooled.
 */
export function classifyService(
  rulebook: Rulebook,
  service: string,
  on: IsoDate,
  field?: string,
): FundingClassification {
  const svc = requireService(rulebook, service, on, field);
  const v = svc.version;
  if (v.route) return fromRoute(rulebook, svc, v.route, on);
  if (v.s75 !== 'included' && v.s75_exclusion) {
    const ex = rulebook.require(v.s75_exclusion, on, 's75-exclusion');
    return {
      service,
      title: svc.title,
      classification: 'aligned-ring-fenced',
      rule: v.s75_exclusion,
      reason: `${svc.title} cannot be part of a s75 arrangement: ${ex.summary}`,
      citations: rulebook.resolve(ex.cite),
    };
  }
  return {
    service,
    title: svc.title,
    classification: 'pooled',
    rule: svc.rule,
    reason: `${svc.title} may be pooled: ${v.summary}`,
    citations: rulebook.resolve(v.cite),
  };
}

function fromRoute(
  rulebook: Rulebook,
  svc: Pick<ServiceRule, 'service' | 'title'>,
  route: string,
  on: IsoDate,
): FundingClassification {
  const r = rulebook.require(route, on, 'commissioning-route');
  return {
    service: svc.service,
    title: svc.title,
    classification: r.classification,
    rule: route,
    reason: r.summary,
    condition: r.pooling_condition,
    citations: rulebook.resolve(r.cite),
  };
}

/** Funding sources that carry their own ring-fence whatever service they pay for. */
const sourceRoutes: Partial<Record<FundingSource, string>> = {
  'delegated-primary-medical': 'pooling.route.primary-medical',
  s7a: 'pooling.route.s7a',
  specialised: 'pooling.route.specialised',
  'nhs-england-direct': 'pooling.route.nhs-england-direct',
};

const strictness: Record<Classification, number> = { pooled: 0, 'aligned-ring-fenced': 1, outside: 2 };

/**
 * Where a funding stream goes in the integrated budget: `pooled`, `aligned-ring-fenced`
 * (kept in an aligned budget inside the provider's total) or `outside` (not in the budget).
 * The service and the source are both classified and the stricter answer wins, so s7A
 * money stays ring-fenced even if it is labelled as paying for a poolable service.
 * `field` names the stream in a bad-input error, e.g. `funding_streams[2].service`.
 */
export function classifyFundingStream(
  rulebook: Rulebook,
  stream: Pick<FundingStream, 'service' | 'source'>,
  on: IsoDate,
  field = 'funding_streams.service',
): FundingClassification {
  const byService = classifyService(rulebook, stream.service, on, field);
  const route = sourceRoutes[stream.source];
  const bySource = route ? fromRoute(rulebook, byService, route, on) : undefined;
  const chosen =
    bySource && strictness[bySource.classification] > strictness[byService.classification]
      ? bySource
      : byService;
  return { ...chosen, source: stream.source };
}
