import { InvalidInput } from '../core/errors.ts';
import type { Arrangement } from './arrangement.ts';
import { formatDate, type IsoDate } from './date.ts';
import type { Action } from './kinds/functions.ts';
import type { Rulebook, RuleEntry, RuleVersion } from './rulebook.ts';

/**
 * Reads an arrangement's `activities` against the commissioning-activity rules in force on
 * a date: which rule each one is, which provider it concerns, and where each named action
 * stands. Shared by the checks and the responsibility matrix so both read them the same way.
 */

export const activityPrefix = 'functions.activity.';

type Entry = RuleEntry<'commissioning-activity'>;
type Version = RuleVersion<'commissioning-activity'>;
type Provider = Arrangement['providers'][number];
export type Assignment = Arrangement['activities'][number];

/** Where a named action stands on the date: allowed, forbidden, or not in the version in force. */
export type ActionStanding = 'may' | 'may-not' | 'not-on-date';

export interface ResolvedAction {
  id: string;
  label: string;
  standing: ActionStanding;
}

export interface ResolvedAssignment {
  index: number;
  assignment: Assignment;
  entry: Entry;
  /** The version in force on the date; undefined when the table then had no such row. */
  version: Version | undefined;
  /** The version in force, or else the nearest one, for citing and labelling. */
  nearest: Version;
  provider: Provider;
  actions: ResolvedAction[];
}

/** Activity rules have ids `functions.activity.<slug>`; arrangements may write either. */
export function activitySlug(id: string): string {
  return id.startsWith(activityPrefix) ? id.slice(activityPrefix.length) : id;
}

export function activityEntries(rulebook: Rulebook): Entry[] {
  return [...rulebook.entries.values()].filter((e): e is Entry => e.kind === 'commissioning-activity');
}

/** The activities in force on a date, in table order (rows first, then the added activities). */
export function activitiesInForce(rulebook: Rulebook, on: IsoDate): { entry: Entry; version: Version }[] {
  return rulebook
    .inForce('commissioning-activity', on)
    .sort(
      (a, b) =>
        (a.version.row ?? Number.MAX_SAFE_INTEGER) - (b.version.row ?? Number.MAX_SAFE_INTEGER) ||
        a.entry.id.localeCompare(b.entry.id),
    );
}

/** The version in force on the date, or the one closest to it in time. */
export function nearestVersion(rulebook: Rulebook, entry: Entry, on: IsoDate): Version {
  const inForce = rulebook.versionOn(entry, on);
  if (inForce) return inForce;
  const first = entry.versions[0] as Version;
  const last = entry.versions.at(-1) as Version;
  return on < first.from ? first : last;
}

/** "1 August 2017 to 2 August 2018; 3 August 2018 onwards" */
export function coverageText(entry: Entry): string {
  return entry.versions
    .map((v) => (v.to ? `${formatDate(v.from)} to ${formatDate(v.to)}` : `${formatDate(v.from)} onwards`))
    .join('; ');
}

/** The provider an assignment concerns: the one named, else the lead, else the only one. */
function providerFor(arrangement: Arrangement, a: Assignment, index: number): Provider {
  const { providers } = arrangement;
  const named =
    a.provider ??
    providers.find((p) => p.lead)?.id ??
    (providers.length === 1 ? providers[0]?.id : undefined);
  const provider = providers.find((p) => p.id === named);
  if (!provider) {
    throw new InvalidInput(
      `activities[${index}].provider`,
      'the file has several providers and none is marked lead, so it is not clear whose part this is',
      `Name one of ${providers.map((p) => p.id).join(', ')}.`,
    );
  }
  return provider;
}

function resolveActions(
  entry: Entry,
  nearest: Version,
  version: Version | undefined,
  a: Assignment,
  index: number,
) {
  const labelled = (v: Version) => [...v.may, ...v.may_not];
  const everKnown = new Map<string, Action>();
  for (const v of entry.versions) for (const act of labelled(v)) everKnown.set(act.id, act);
  return (a.actions ?? []).map((id, j): ResolvedAction => {
    const may = version?.may.find((x) => x.id === id);
    if (may) return { id, label: may.label, standing: 'may' };
    const mayNot = version?.may_not.find((x) => x.id === id);
    if (mayNot) return { id, label: mayNot.label, standing: 'may-not' };
    const known = everKnown.get(id);
    if (known) return { id, label: known.label, standing: 'not-on-date' };
    const valid = labelled(nearest).map((x) => x.id);
    throw new InvalidInput(
      `activities[${index}].actions[${j}]`,
      `'${id}' is not an action of '${activitySlug(entry.id)}'`,
      valid.length
        ? `Use one of ${valid.join(', ')}.`
        : 'This activity has no named actions; leave actions out.',
    );
  });
}

/**
 * Resolves every activity assignment. Bad input — an activity or action the rulebook has
 * never known, actions for a provider with no role, a cost bearer outside Individual Funding
 * Requests, the same activity twice for one provider — throws InvalidInput naming the path.
 */
export function resolveActivities(
  rulebook: Rulebook,
  arrangement: Arrangement,
  on: IsoDate,
): ResolvedAssignment[] {
  const entries = new Map(activityEntries(rulebook).map((e) => [activitySlug(e.id), e]));
  const seen = new Set<string>();
  return arrangement.activities.map((assignment, index) => {
    const slug = activitySlug(assignment.activity);
    const entry = entries.get(slug);
    if (!entry) {
      const valid = activitiesInForce(rulebook, on).map(({ entry: e }) => activitySlug(e.id));
      throw new InvalidInput(
        `activities[${index}].activity`,
        `'${assignment.activity}' is not a commissioning activity`,
        `On ${formatDate(on)} the activities are: ${valid.length ? valid.join(', ') : 'none (no table is in force)'}.`,
      );
    }
    const provider = providerFor(arrangement, assignment, index);
    const key = `${slug}\u0000${provider.id}`;
    if (seen.has(key)) {
      throw new InvalidInput(
        `activities[${index}]`,
        `'${slug}' is listed twice for ${provider.name}`,
        'Merge the two entries into one.',
      );
    }
    seen.add(key);
    if (assignment.provider_role === 'none' && assignment.actions?.length) {
      throw new InvalidInput(
        `activities[${index}].actions`,
        'actions are listed but provider_role is none',
        'Set provider_role to supports, or remove the actions.',
      );
    }
    if (assignment.cost_bearer && !entry.versions.some((v) => v.cost_bearer_must_be_agreed)) {
      throw new InvalidInput(
        `activities[${index}].cost_bearer`,
        `a cost bearer is recorded only for individual-funding-requests, not '${slug}'`,
        'Remove cost_bearer from this activity.',
      );
    }
    const version = rulebook.versionOn(entry, on);
    const nearest = nearestVersion(rulebook, entry, on);
    const actions = resolveActions(entry, nearest, version, assignment, index);
    return { index, assignment, entry, version, nearest, provider, actions };
  });
}
