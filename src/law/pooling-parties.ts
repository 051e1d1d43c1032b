import type { CommissionerKind } from './arrangement.ts';
import type { IsoDate } from './date.ts';
import type { Configuration, Holder, PartyKind } from './kinds/pooling.ts';
import type { Rulebook, RuleEntry, RuleVersion } from './rulebook.ts';

/** The commissioners present, counted the way pooling law cares about them. */
export interface PartyCounts {
  /** The local NHS commissioner kind the law recognises on the date. */
  localKind: 'ccg' | 'icb';
  local: number;
  nhse: boolean;
  /** Local and combined authorities together, as Annex B treats them ("LA and/or CA"). */
  authorityKind: 'local-authority' | 'combined-authority' | undefined;
  authorities: number;
}

/** The statutory-body rule for a commissioner kind, if the rulebook dates that kind. */
export function bodyRule(rulebook: Rulebook, kind: string): RuleEntry<'statutory-body'> | undefined {
  for (const e of rulebook.entries.values()) {
    if (
      e.kind === 'statutory-body' &&
      e.versions.some((v) => 'commissioner_kind' in v && v.commissioner_kind === kind)
    )
      return e as RuleEntry<'statutory-body'>;
  }
  return undefined;
}

/** Does a body of this kind exist in law on the date? Kinds with no dated rule always do. */
export function existsOn(rulebook: Rulebook, kind: string, on: IsoDate): boolean {
  const rule = bodyRule(rulebook, kind);
  return !rule || rulebook.versionOn(rule, on) !== undefined;
}

/** Counts the commissioners that exist on the date (a CCG after June 2022 counts for nothing). */
export function countParties(
  rulebook: Rulebook,
  kinds: readonly CommissionerKind[],
  on: IsoDate,
): PartyCounts {
  const live = kinds.filter((k) => existsOn(rulebook, k, on));
  const localKind = existsOn(rulebook, 'icb', on) ? 'icb' : 'ccg';
  const authorities = live.filter((k) => k === 'local-authority' || k === 'combined-authority');
  return {
    localKind,
    local: live.filter((k) => k === localKind).length,
    nhse: live.includes('nhs-england'),
    authorityKind: authorities.includes('local-authority')
      ? 'local-authority'
      : (authorities[0] as PartyCounts['authorityKind']),
    authorities: authorities.length,
  };
}

/** Which 2017 Annex B column the commissioners form, if any. */
export function configurationOf(c: PartyCounts): Configuration | undefined {
  if (c.local === 0) return undefined;
  if (c.authorities > 0) return c.nhse ? 'nhse-ccgs-la' : 'ccgs-with-la';
  if (c.nhse) return undefined;
  return c.local === 1 ? 'single-ccg' : 'several-ccgs';
}

/** Whether the commissioners present satisfy one holder of a commissioning route. */
export function holderMet(holder: Holder, c: PartyCounts): boolean {
  switch (holder) {
    case 'nhs-england':
      return c.nhse;
    case 'single-local-nhs':
    case 'single-local-nhs-by-arrangement':
      return c.local === 1;
    case 'any-local-nhs':
    case 'local-nhs-jointly-with-nhs-england':
      return c.local >= 1;
    case 'local-nhs-with-la-in-s75':
      return c.local >= 1 && c.authorities >= 1;
    case 'local-authority-by-arrangement':
      return c.authorities >= 1;
  }
}

/** Plain words for a holder, used when no holder is met. */
export const holderWords: Record<Holder, string> = {
  'nhs-england': 'NHS England as a commissioner',
  'single-local-nhs': 'exactly one local NHS commissioner holding the delegation',
  'any-local-nhs': 'at least one local NHS commissioner',
  'local-nhs-with-la-in-s75':
    'local NHS commissioners in a s75 arrangement with a local or combined authority',
  'local-nhs-jointly-with-nhs-england': 'local NHS commissioners acting jointly with NHS England',
  'local-authority-by-arrangement':
    'a local or combined authority the Secretary of State has arranged to act',
  'single-local-nhs-by-arrangement':
    'exactly one local NHS commissioner the Secretary of State has arranged to act',
};

/** The mechanism rule (kind `pooling-mechanism`) whose versions use this mechanism name. */
export function mechanismRule(
  rulebook: Rulebook,
  mechanism: string,
): RuleEntry<'pooling-mechanism'> | undefined {
  for (const e of rulebook.entries.values()) {
    if (
      e.kind === 'pooling-mechanism' &&
      e.versions.some((v) => 'mechanism' in v && v.mechanism === mechanism)
    )
      return e as RuleEntry<'pooling-mechanism'>;
  }
  return undefined;
}

/** Why these parties cannot use a mechanism version, or undefined when they can. */
export function partiesProblem(
  v: RuleVersion<'pooling-mechanism'>,
  parties: readonly PartyKind[],
): string | undefined {
  const wrong = [...new Set(parties.filter((p) => !v.allowed_parties.includes(p)))];
  if (wrong.length)
    return `a ${wrong.join(' or ')} cannot be party to it (allowed: ${v.allowed_parties.join(', ')})`;
  for (const need of v.needs) {
    const have = parties.filter((p) => need.kinds.includes(p)).length;
    if (have < need.min) return `it needs at least ${need.min} of ${need.kinds.join(' / ')} as parties`;
  }
  if (parties.length < v.min_parties) return `it needs at least ${v.min_parties} parties`;
  return undefined;
}
