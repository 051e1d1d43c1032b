/**
 * What changed between two versions of an arrangement, part by part, in words: each item
 * added or removed, and each field of an item that is in both but differs, with its value
 * in each version. Items are matched by what identifies them in the document (a party or
 * fund by its id, a service by the service and its commissioner, a practice by its code),
 * so renaming a fund reads as a change of its name, not a removal and an addition.
 */
import { formatDate } from '../core/dates.ts';
import type { Namer } from './arrangement-draft.ts';
import { steps } from './arrangement-steps.ts';
import {
  commissionerKindWords,
  contractWords,
  fundingSourceWords,
  fundKindWords,
  integrationWords,
  mechanismWords,
  providerKindWords,
  providerRoleWords,
  yesNo,
} from './arrangement-words.ts';
import type { Arrangement } from './types.ts';

export interface Change {
  /** The part of the arrangement, as the question pages name it. */
  part: string;
  /** The item within it (a commissioner's name), or the field for single-valued parts. */
  item: string;
  /** The field that differs; null when the whole item was added or removed. */
  field: string | null;
  /** In words; null where the item is not in that version. */
  before: string | null;
  after: string | null;
}

type Field<T> = readonly [label: string, value: (x: T) => string];

interface Part<T> {
  step: string;
  items: (a: Arrangement) => readonly T[];
  key: (x: T) => string;
  label: (x: T) => string;
  fields: readonly Field<T>[];
}

const part = <T>(p: Part<T>) => p as unknown as Part<unknown>;
/** The field of a part that is a list of single values (name, place; start, end): no label of its own. */
const only = 'Value';
const partName = (slug: string) => steps.find((s) => s.slug === slug)?.name ?? slug;

function parts(names: Namer, activity: (id: string) => string): Part<unknown>[] {
  const list = (ids: readonly string[] | undefined, name: (id: string) => string) =>
    (ids ?? []).map(name).join(', ') || 'None';
  const optional = (v: string | undefined, name: (id: string) => string = (x) => x) => (v ? name(v) : 'None');
  const date = (v: string | undefined) => (v ? formatDate(v) : 'None');
  type A = Arrangement;
  return [
    part<{ field: string; value: string }>({
      step: 'name',
      items: (a) => [
        { field: 'Name', value: a.name },
        { field: 'Place', value: a.place ?? 'None' },
        { field: 'What it is for', value: a.description ?? 'None' },
      ],
      key: (x) => x.field,
      label: (x) => x.field,
      fields: [[only, (x) => x.value]],
    }),
    part<A['commissioners'][number]>({
      step: 'commissioners',
      items: (a) => a.commissioners,
      key: (c) => c.id,
      label: (c) => c.name,
      fields: [
        ['Name', (c) => c.name],
        ['Kind', (c) => commissionerKindWords[c.kind]],
        ['Code', (c) => optional(c.ods)],
        ['Delegated primary medical services', (c) => yesNo(c.delegated_primary_medical)],
      ],
    }),
    part<A['providers'][number]>({
      step: 'providers',
      items: (a) => a.providers,
      key: (p) => p.id,
      label: (p) => p.name,
      fields: [
        ['Name', (p) => p.name],
        ['Kind', (p) => providerKindWords[p.kind]],
        ['Code', (p) => optional(p.ods)],
        ['The Integrated Care Provider', (p) => yesNo(p.lead)],
      ],
    }),
    part<A['services'][number]>({
      step: 'services',
      items: (a) => a.services,
      key: (s) => `${s.service} ${s.commissioner}`,
      label: (s) => `${names.service(s.service)} (${names.party(s.commissioner)})`,
      fields: [['Provided by', (s) => (s.provider ? names.party(s.provider) : 'Outside the arrangement')]],
    }),
    part<A['funds'][number]>({
      step: 'funds',
      items: (a) => a.funds,
      key: (f) => f.id,
      label: (f) => f.name,
      fields: [
        ['Name', (f) => f.name],
        ['How the money is held', (f) => fundKindWords[f.kind]],
        ['Under which power', (f) => mechanismWords[f.mechanism]],
        ['Hosted by', (f) => optional(f.host, names.party)],
        ['Partners', (f) => list(f.parties, names.party)],
        ['Services', (f) => list(f.services, names.service)],
      ],
    }),
    part<A['funding_streams'][number]>({
      step: 'funding',
      items: (a) => a.funding_streams,
      key: (s) => s.id,
      label: (s) => `${names.service(s.service)}, from ${names.party(s.commissioner)}`,
      fields: [
        ['Service', (s) => names.service(s.service)],
        ['Commissioner', (s) => names.party(s.commissioner)],
        ['Where the money comes from', (s) => fundingSourceWords[s.source]],
        ['Annual value', (s) => s.annual_value],
      ],
    }),
    part<A['gp_practices'][number]>({
      step: 'practices',
      items: (a) => a.gp_practices,
      key: (g) => g.ods,
      label: (g) => `${g.name ?? 'Practice'} (${g.ods})`,
      fields: [
        ['Contract', (g) => contractWords[g.contract]],
        ['How it takes part', (g) => integrationWords[g.mode]],
        ['Integration Agreement signed', (g) => yesNo(g.integration_agreement)],
      ],
    }),
    part<A['subcontracts'][number]>({
      step: 'subcontracts',
      items: (a) => a.subcontracts,
      key: (s) => s.id,
      label: (s) => s.subcontractor,
      fields: [
        ['Subcontractor', (s) => s.subcontractor],
        ['Services', (s) => list(s.services, names.service)],
        ['Value', (s) => optional(s.value)],
        ['Approved by', (s) => optional(s.approved_by, names.party)],
        ['Key subcontractor', (s) => yesNo(s.key)],
        ['Direct Agreement signed', (s) => yesNo(s.direct_agreement)],
      ],
    }),
    part<A['activities'][number]>({
      step: 'activities',
      items: (a) => a.activities,
      key: (x) => `${x.activity} ${x.provider ?? ''}`,
      label: (x) => activity(x.activity),
      fields: [['The provider’s part', (x) => providerRoleWords[x.provider_role]]],
    }),
    part<{ field: string; value: string }>({
      step: 'term',
      items: (a) => [
        { field: 'Starts', value: date(a.term?.start) },
        { field: 'Ends', value: date(a.term?.end) },
        { field: 'Exit arrangements agreed', value: yesNo(a.term?.exit_arrangements) },
      ],
      key: (x) => x.field,
      label: (x) => x.field,
      fields: [[only, (x) => x.value]],
    }),
  ];
}

/** The other terms the question pages keep as they are: a change is named, not detailed. */
const otherTerms: readonly [string, (a: Arrangement) => unknown][] = [
  ['How the provider is paid', (a) => a.payment],
  ['How the contract is awarded', (a) => a.procurement],
  ['The place partnership', (a) => a.place_partnership],
];

export function diffArrangements(
  before: Arrangement,
  after: Arrangement,
  names: { before: Namer; after: Namer },
  activity: (id: string) => string,
): Change[] {
  const changes: Change[] = [];
  const [was, now] = [parts(names.before, activity), parts(names.after, activity)];
  was.forEach((p, n) => {
    const q = now[n] as Part<unknown>;
    const name = partName(p.step);
    const old = new Map(p.items(before).map((x) => [p.key(x), x]));
    const current = new Map(q.items(after).map((x) => [q.key(x), x]));
    const whole = (item: unknown, fields: readonly Field<unknown>[]) =>
      fields.map(([label, value]) => (label === only ? value(item) : `${label}: ${value(item)}`)).join('; ');
    for (const [key, x] of old) {
      const y = current.get(key);
      if (y === undefined) {
        changes.push({ part: name, item: p.label(x), field: null, before: whole(x, p.fields), after: null });
        continue;
      }
      p.fields.forEach(([label, value], i) => {
        const [a, b] = [value(x), (q.fields[i] as Field<unknown>)[1](y)];
        if (a !== b)
          changes.push({
            part: name,
            item: q.label(y),
            field: label === only ? null : label,
            before: a,
            after: b,
          });
      });
    }
    for (const [key, y] of current)
      if (!old.has(key))
        changes.push({ part: name, item: q.label(y), field: null, before: null, after: whole(y, q.fields) });
  });
  for (const [label, of] of otherTerms) {
    const [a, b] = [of(before), of(after)];
    if (JSON.stringify(a) !== JSON.stringify(b))
      changes.push({
        part: 'Other terms',
        item: label,
        field: null,
        before: a === undefined ? null : 'Recorded',
        after: b === undefined ? null : a === undefined ? 'Recorded' : 'Changed',
      });
  }
  return changes;
}
