/**
 * The place allocation form as plain data: places (named sets of practices), the pot's
 * components with ring-fences and floors per place, and an optional pace of change. Pure
 * functions the page and its tests share: the default grouping, moves, checks as the user
 * types, the request the server needs, and server problem fields → input ids.
 */
import type { FieldError } from './components/forms.tsx';
import type { Answer, RequestBody } from './types.ts';
import { pounds, required } from './validation.ts';

/** The pot as a grouping saves it: pounds as written, places by name. */
export type PotBody = NonNullable<RequestBody<'createPlaceGrouping'>['pot']>;
/** A saved grouping as the API gives it back, with its pot (null when none was entered). */
export type SavedGrouping = Answer<'getPlaceGrouping'>;

/** An ICB's practice as GET /api/icbs/{icb}/practices lists it. */
export type IcbPractice = Answer<'listIcbPractices'>['items'][number];

/** The POST /api/allocations body. */
export type AllocationRequest = RequestBody<'allocatePlaces'>;
/** Which weighted population a pot component is shared by. */
export type AllocationBasis = AllocationRequest['pot'][number]['basis'];
/** exact, or nhse-tool: round as NHS England's place-based allocation tool does. */
export type AllocationMethodChoice = NonNullable<AllocationRequest['method']>;

export interface PlaceDraft {
  name: string;
  practices: string[];
}

export interface ComponentDraft {
  name: string;
  amount: string;
  basis: AllocationBasis;
  /** Per place (same order as the places): money ring-fenced to it, '' for none. */
  ringFences: string[];
  /** Per place: the least it may get (an investment guarantee), '' for none. */
  floors: string[];
}

export interface AllocationDraft {
  places: PlaceDraft[];
  components: ComponentDraft[];
  pace: { on: boolean; percent: string; current: string[] };
  method: AllocationMethodChoice;
}

/** The default grouping: one place per local authority the practices sit in, A–Z. */
export function byLocalAuthority(practices: readonly IcbPractice[]): PlaceDraft[] {
  const places = new Map<string, string[]>();
  for (const p of [...practices].sort((a, b) => a.code.localeCompare(b.code))) {
    places.set(p.local_authority_name, [...(places.get(p.local_authority_name) ?? []), p.code]);
  }
  return [...places]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, codes]) => ({ name, practices: codes }));
}

/**
 * A draft for a set of places: one component and no pace of change. The pot's amount starts
 * blank, a figure to enter: Concordat's NHS data (data/nhs) holds the weighted populations
 * the pot is shared by, but no ICB's allocation in pounds, and an invented sum must never
 * stand in for the ICB's own.
 */
export function newDraft(places: PlaceDraft[], components?: ComponentDraft[]): AllocationDraft {
  const blank = () => places.map(() => '');
  return {
    places,
    components: (
      components ?? [{ name: 'Core services', amount: '', basis: 'core-overall', ringFences: [], floors: [] }]
    ).map((c) => ({
      ...c,
      ringFences: fit(c.ringFences, places.length),
      floors: fit(c.floors, places.length),
    })),
    pace: { on: false, percent: '25%', current: blank() },
    method: 'exact',
  };
}

const fit = (list: string[], n: number) => Array.from({ length: n }, (_, i) => list[i] ?? '');

export function movePractice(draft: AllocationDraft, code: string, to: number): AllocationDraft {
  return movePractices(draft, [code], to);
}

/** Moves several practices at once (those ticked, or a whole PCN) into place `to`. */
export function movePractices(draft: AllocationDraft, codes: readonly string[], to: number): AllocationDraft {
  const moving = new Set(codes);
  return {
    ...draft,
    places: draft.places.map((p, i) => ({
      ...p,
      practices:
        i === to
          ? [...new Set([...p.practices, ...codes])].sort()
          : p.practices.filter((c) => !moving.has(c)),
    })),
  };
}

/**
 * The registered population of a set of practices to the whole person: the practices'
 * figures (given to the hundredth) added exactly, then rounded half up. Every place figure on
 * the page comes from here, so one place never shows two populations.
 */
export function placePopulation(codes: readonly string[], byCode: ReadonlyMap<string, IcbPractice>): number {
  let hundredths = 0;
  for (const code of codes) {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(byCode.get(code)?.population ?? '');
    if (m) hundredths += Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  }
  return Math.floor((hundredths + 50) / 100);
}

export const inNoPcn = (p: IcbPractice) => /^practices in no pcn/i.test(p.pcn_name ?? '');

/** The ICB's primary care networks, by name, each with its practices' codes. */
export function pcnsOf(
  practices: readonly IcbPractice[],
): { code: string; name: string; practices: string[] }[] {
  const pcns = new Map<string, { code: string; name: string; practices: string[] }>();
  for (const p of practices) {
    // The registry files unaligned practices under a pseudo-network "Practices in no PCN".
    if (!p.pcn || inNoPcn(p)) continue;
    const pcn = pcns.get(p.pcn) ?? { code: p.pcn, name: p.pcn_name ?? p.pcn, practices: [] };
    pcn.practices.push(p.code);
    pcns.set(p.pcn, pcn);
  }
  return [...pcns.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function renamePlace(draft: AllocationDraft, i: number, name: string): AllocationDraft {
  return { ...draft, places: draft.places.map((p, k) => (k === i ? { ...p, name } : p)) };
}

export function addPlace(draft: AllocationDraft): AllocationDraft {
  let n = draft.places.length + 1;
  while (draft.places.some((p) => p.name === `New place ${n}`)) n++;
  return {
    ...draft,
    places: [...draft.places, { name: `New place ${n}`, practices: [] }],
    components: draft.components.map((c) => ({
      ...c,
      ringFences: [...c.ringFences, ''],
      floors: [...c.floors, ''],
    })),
    pace: { ...draft.pace, current: [...draft.pace.current, ''] },
  };
}

/** Removes a place and its ring-fences, floors and current allocation (its practices must have moved). */
export function removePlace(draft: AllocationDraft, i: number): AllocationDraft {
  const drop = <T>(list: T[]) => list.filter((_, k) => k !== i);
  return {
    ...draft,
    places: drop(draft.places),
    components: draft.components.map((c) => ({
      ...c,
      ringFences: drop(c.ringFences),
      floors: drop(c.floors),
    })),
    pace: { ...draft.pace, current: drop(draft.pace.current) },
  };
}

const percent = /^(\d{1,3})(\.\d+)?%?$/;

function amount(value: string, what: string, optional = false): string | undefined {
  if (optional && value.trim() === '') return undefined;
  const problem = pounds(value, what);
  if (problem) return problem;
  return value.trim().startsWith('-')
    ? `${what.charAt(0).toUpperCase()}${what.slice(1)} must not be negative`
    : undefined;
}

/** Whether the pot has been entered: every component has an amount. Until then no money is shown. */
export function potEntered(draft: AllocationDraft): boolean {
  return draft.components.every((c) => c.amount.trim() !== '');
}

/** Whether no amount at all has been entered yet (the pot as it starts). */
const potBlank = (draft: AllocationDraft) => draft.components.every((c) => c.amount.trim() === '');

/**
 * Every problem with the draft, by the id of the input that holds it, in page order. A pot
 * with no amounts at all is not a problem (it is still to enter); one partly entered is.
 */
export function draftErrors(draft: AllocationDraft): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string | undefined) => {
    if (message) errors.push({ field, message });
  };
  const names = new Map<string, number>();
  draft.places.forEach((p, i) => {
    const key = p.name.trim().toLowerCase();
    add(`place-${i}-name`, required(p.name, `a name for place ${i + 1}`));
    if (key && names.has(key))
      add(`place-${i}-name`, `Place ${i + 1} has the same name as place ${(names.get(key) ?? 0) + 1}`);
    else names.set(key, i);
    if (p.practices.length === 0)
      add(
        `place-${i}-practices`,
        `${p.name.trim() || `Place ${i + 1}`} has no practices: move some into it or remove it`,
      );
  });
  draft.components.forEach((c, k) => {
    add(`component-${k}-name`, required(c.name, `a name for component ${k + 1}`));
    if (!potBlank(draft))
      add(
        `component-${k}-amount`,
        amount(c.amount, `the amount of ${c.name.trim() || `component ${k + 1}`}`),
      );
    draft.places.forEach((p, i) => {
      add(
        `component-${k}-place-${i}-ring-fence`,
        amount(c.ringFences[i] ?? '', `the ring-fence for ${p.name} in ${c.name}`, true),
      );
      add(
        `component-${k}-place-${i}-floor`,
        amount(c.floors[i] ?? '', `the floor for ${p.name} in ${c.name}`, true),
      );
    });
  });
  if (draft.pace.on) {
    const m = percent.exec(draft.pace.percent.trim());
    add(
      'pace',
      !m || Number(m[1]) > 100 ? 'Pace of change must be a percentage from 0% to 100%, like 25%' : undefined,
    );
    draft.places.forEach((p, i) =>
      add(`current-${i}`, amount(draft.pace.current[i] ?? '', `the current allocation of ${p.name}`)),
    );
  }
  return errors;
}

const placeId = (i: number) => `place-${i + 1}`;

/**
 * The POST /api/allocations body for a draft that has no errors. Before the pot is entered
 * it asks only for need indices, which do not depend on the pot's size: each component at
 * £0.00 with no ring-fences, floors or pace. The page then shows no money from it.
 */
export function allocationRequest(
  icb: string,
  year: AllocationRequest['year'],
  draft: AllocationDraft,
): AllocationRequest {
  const entered = potEntered(draft);
  const given = (list: string[]) =>
    entered ? draft.places.map((_, i) => ({ place: placeId(i), value: (list[i] ?? '').trim() })) : [];
  return {
    icb,
    year,
    places: draft.places.map((p, i) => ({ id: placeId(i), name: p.name.trim(), practices: p.practices })),
    pot: draft.components.map((c, k) => ({
      id: `component-${k + 1}`,
      name: c.name.trim(),
      amount: entered ? c.amount.trim() : '£0.00',
      basis: c.basis,
      ring_fences: given(c.ringFences)
        .filter((r) => r.value !== '')
        .map((r) => ({ place: r.place, amount: r.value })),
      floors: given(c.floors)
        .filter((f) => f.value !== '')
        .map((f) => ({ place: f.place, minimum: f.value })),
    })),
    ...(entered && draft.pace.on
      ? {
          current: given(draft.pace.current).map((c) => ({ place: c.place, amount: c.value })),
          pace: paceRate(draft),
        }
      : {}),
    method: draft.method,
  };
}

/** "25" or "25%" as the API writes a percentage: 25%. */
const paceRate = (draft: AllocationDraft) => `${draft.pace.percent.trim().replace(/%$/, '')}%`;

/** The pot to save with the grouping (places by name), or null while it is still to enter. */
export function groupingPot(draft: AllocationDraft): PotBody | null {
  if (!potEntered(draft)) return null;
  const name = (i: number) => (draft.places[i]?.name ?? '').trim();
  const given = <T>(list: string[], make: (value: string, place: string) => T) =>
    list.flatMap((v, i) => (v.trim() === '' || i >= draft.places.length ? [] : [make(v.trim(), name(i))]));
  return {
    components: draft.components.map((c) => ({
      name: c.name.trim(),
      amount: c.amount.trim(),
      basis: c.basis as PotBody['components'][number]['basis'],
      ring_fences: given(c.ringFences, (amount, place) => ({ place, amount })),
      floors: given(c.floors, (minimum, place) => ({ place, minimum })),
    })),
    pace: draft.pace.on
      ? {
          rate: paceRate(draft),
          current: draft.places.map((p, i) => ({
            place: p.name.trim(),
            amount: (draft.pace.current[i] ?? '').trim(),
          })),
        }
      : null,
    method: draft.method,
  };
}

/**
 * A saved grouping opened again: its places, and its pot when one was saved (each place's
 * ring-fence, floor and current allocation found by the place's name). Without a saved pot
 * the pot in hand is kept, less what belonged to the old places.
 */
export function draftFromGrouping(g: SavedGrouping, current: AllocationDraft): AllocationDraft {
  const places = g.places.map((p) => ({ name: p.name, practices: p.practices }));
  const pot = g.pot;
  if (!pot) {
    const keep = current.components.map((c) => ({ ...c, ringFences: [], floors: [] }));
    return { ...newDraft(places, keep), method: current.method };
  }
  const byPlace = <T>(list: T[], place: (x: T) => string, value: (x: T) => string) =>
    places.map((p) => {
      const found = list.find((x) => place(x) === p.name);
      return found ? value(found) : '';
    });
  const draft = newDraft(
    places,
    pot.components.map((c) => ({
      name: c.name,
      amount: c.amount.pounds,
      basis: c.basis,
      ringFences: byPlace(
        c.ring_fences,
        (r) => r.place,
        (r) => r.amount.pounds,
      ),
      floors: byPlace(
        c.floors,
        (f) => f.place,
        (f) => f.minimum.pounds,
      ),
    })),
  );
  return {
    ...draft,
    pace: pot.pace
      ? {
          on: true,
          percent: pot.pace.rate,
          current: byPlace(
            pot.pace.current,
            (c) => c.place,
            (c) => c.amount.pounds,
          ),
        }
      : draft.pace,
    method: pot.method,
  };
}

/** A problem field from POST /api/allocations or a grouping save → the id of the input to fix. */
export function inputFor(field: string, draft: AllocationDraft): string {
  const saved = /^body\/pot\/components\/(\d+)(\/name|\/basis)?/.exec(field);
  if (saved)
    return `component-${saved[1]}-${saved[2] === '/name' ? 'name' : saved[2] === '/basis' ? 'basis' : 'amount'}`;
  const savedCurrent = /^body\/pot\/pace\/current(?:\/(\d+))?/.exec(field);
  if (savedCurrent) return `current-${savedCurrent[1] ?? 0}`;
  if (field.startsWith('body/pot/pace')) return 'pace';
  const practice = /^body\/places\/(\d+)\/practices\/(\d+)/.exec(field);
  if (practice) {
    const code = draft.places[Number(practice[1])]?.practices[Number(practice[2])];
    return code ? `practice-${code}` : `place-${practice[1]}-practices`;
  }
  const place = /^body\/places\/(\d+)(\/name)?/.exec(field);
  if (place) return place[2] ? `place-${place[1]}-name` : `place-${place[1]}-practices`;
  const pot = /^body\/pot\/(\d+)(\/name|\/basis)?/.exec(field);
  if (pot)
    return `component-${pot[1]}-${pot[2] === '/name' ? 'name' : pot[2] === '/basis' ? 'basis' : 'amount'}`;
  const current = /^body\/current\/(\d+)/.exec(field);
  if (current) return `current-${current[1]}`;
  if (field === 'body/current') return 'current-0';
  if (field === 'body/pace') return 'pace';
  if (field === 'body/places') return 'place-0-practices';
  if (field === 'body/name') return 'grouping-name';
  if (field === 'body/reason') return 'grouping-reason';
  if (field === 'body/icb' || field.startsWith('params/icb')) return 'icb';
  return '';
}
