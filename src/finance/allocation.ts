import { InvalidInput } from '../core/errors.ts';
import { formatPounds, type Pence, pence, sum } from '../core/money.ts';
import { apportion } from '../money/apportion.ts';
import {
  compare,
  formatDecimal,
  formatPercent,
  minus,
  multiply,
  none,
  one,
  plus,
  type Rate,
  ratio,
  roundHalfAwayFromZero,
  roundRate,
  share,
} from '../money/rate.ts';
import {
  type AllocationBasis,
  allocationBases,
  basisNames,
  maxValue,
  type PracticeWeights,
  scale,
} from '../system/weighted-populations.ts';
import { type Figure, figure } from './trace.ts';

/** A place: a set of GP practices, named directly or by the local authority they sit in. */
export interface PlaceDefinition {
  id: string;
  name: string;
  local_authorities?: string[] | undefined;
  practices?: string[] | undefined;
}

/** A part of the ICS single pot (seed 002 paragraph 2.40) and how it is shared between places. */
export interface PotComponent {
  id: string;
  name: string;
  amount: Pence;
  basis: AllocationBasis;
  /** Money that must go to a place whatever the formula says (a ring-fence). */
  ring_fences: { place: string; amount: Pence; reason?: string | undefined }[];
  /** The least a place may get (an investment guarantee, e.g. the mental health investment standard). */
  floors: { place: string; minimum: Pence; reason?: string | undefined }[];
}

export interface AllocationInput {
  icb: string;
  year: string;
  places: PlaceDefinition[];
  pot: PotComponent[];
  /** Each place's current allocation, to measure distance from target and apply pace of change. */
  current?: { place: string; amount: Pence }[] | undefined;
  /** How much of the gap between current allocation and target is closed this year. */
  pace?: Rate | undefined;
  /** How weighted populations are summed and need indices rounded (default exact). */
  method?: AllocationMethod | undefined;
}

/**
 * How place weighted populations and need indices are worked out. `exact` keeps every
 * figure to the billionth of a person. `nhse-tool` follows NHS England's place-based
 * allocation tool (utils.py: `aggregate`, `get_index`, `excel_round`): a blank or zero
 * practice value counts as 1, each place's and the ICB's sums are rounded half up to whole
 * persons, and the need index is worked from those sums and rounded half up to 3 decimal
 * places. Money follows the (rounded) weighted populations either way.
 */
export const allocationMethods = {
  exact: 'exact (weighted populations to the billionth of a person, need indices unrounded)',
  'nhse-tool':
    "NHS England's place-based allocation tool (sums rounded half up to whole persons, need indices half up to 3 decimal places)",
} as const;
export type AllocationMethod = keyof typeof allocationMethods;
export const methodNames = Object.keys(allocationMethods) as AllocationMethod[];

export interface ComponentShare {
  component: string;
  basis: AllocationBasis;
  weighted_population: string;
  need_index: Rate;
  amount: Figure;
}

export interface PlaceAllocation {
  id: string;
  name: string;
  practices: string[];
  population: string;
  need_index: Rate;
  components: ComponentShare[];
  target: Figure;
  current?: Pence | undefined;
  distance_from_target?: DistanceFromTarget | undefined;
  allocation: Figure;
}

export interface AllocationResult {
  method: AllocationMethod;
  icb: string;
  icb_name: string;
  year: string;
  total: Pence;
  population: string;
  places: PlaceAllocation[];
}

export interface DistanceFromTarget {
  gap: Pence;
  share: Rate;
}

/**
 * Distance from target = (allocation − target) ÷ target (docs/reference-figures.md, allocations).
 * NHS Eastern Cheshire CCG 2013/14: £219,307k against £237,285k is −£17,978k, −7.58%.
 */
export function distanceFromTarget(allocation: Pence, target: Pence, field = 'target'): DistanceFromTarget {
  if (target <= 0) throw new InvalidInput(field, 'must be above £0.00 to measure distance from it');
  const gap = pence(allocation - target);
  return { gap, share: share(gap, target, field) };
}

/** Which practices of the ICB make up each place; every practice in exactly one place. */
export function resolvePlaces(
  icb: string,
  places: readonly PlaceDefinition[],
  data: readonly PracticeWeights[],
): Map<string, PracticeWeights[]> {
  const inIcb = data.filter((p) => p.icb === icb);
  if (inIcb.length === 0) {
    const codes = [...new Set(data.map((p) => p.icb))].sort();
    throw new InvalidInput(
      '--icb',
      `there is no ICB '${icb}' in the weighted populations`,
      `Use one of ${codes.join(', ')}.`,
    );
  }
  const byCode = new Map(inIcb.map((p) => [p.practice, p]));
  const owner = new Map<string, string>();
  const named = new Map<string, { place: string; field: string }>();
  const out = new Map<string, PracticeWeights[]>();
  const ids = new Map<string, number>();
  places.forEach((pl, i) => {
    const first = ids.get(pl.id);
    if (first !== undefined)
      throw new InvalidInput(`places[${i}].id`, `'${pl.id}' is also the id of places[${first}]`);
    ids.set(pl.id, i);
    out.set(pl.id, []);
    (pl.practices ?? []).forEach((code, j) => {
      const field = `places[${i}].practices[${j}]`;
      if (!byCode.has(code))
        throw new InvalidInput(field, `${code} is not a practice of ${icb} in the weighted populations`);
      const other = named.get(code);
      if (other)
        throw new InvalidInput(
          field,
          `practice ${code} is already in place '${other.place}' (${other.field})`,
          'A practice belongs to one place, listed once.',
        );
      named.set(code, { place: pl.id, field });
      owner.set(code, pl.id);
    });
  });
  // Named practices win over local authorities: a practice just over a boundary can be placed by hand.
  const areas = new Map<string, string>();
  places.forEach((pl, i) => {
    (pl.local_authorities ?? []).forEach((la, j) => {
      const field = `places[${i}].local_authorities[${j}]`;
      const other = areas.get(la);
      if (other)
        throw new InvalidInput(
          field,
          `local authority ${la} is also listed at ${other}`,
          'Split an area between places by naming its practices.',
        );
      areas.set(la, field);
      const found = inIcb.filter((p) => p.la === la);
      if (found.length === 0)
        throw new InvalidInput(field, `no practice of ${icb} is in local authority ${la}`);
      for (const p of found) if (!owner.has(p.practice)) owner.set(p.practice, pl.id);
    });
  });
  const unplaced = inIcb.filter((p) => !owner.has(p.practice));
  if (unplaced.length) {
    throw new InvalidInput(
      'places',
      `${unplaced.length} practice(s) of ${icb} are in no place: ${unplaced.map((p) => `${p.practice} (${p.name}, ${p.la_name})`).join(', ')}`,
      "Add them to a place's practices list.",
    );
  }
  for (const p of inIcb) out.get(owner.get(p.practice) as string)?.push(p);
  for (const [id, list] of out)
    if (list.length === 0) throw new InvalidInput('places', `place '${id}' has no practices`);
  return out;
}

/** A place's (or the ICB's) weighted population for a basis, in billionths of a person. */
export function weightedPopulation(
  list: readonly PracticeWeights[],
  basis: AllocationBasis,
  method: AllocationMethod = 'exact',
): bigint {
  // Exact without a BigInt per addition (which made most of an allocation's garbage): each
  // value is below 2^52, so a running number below 2^52 adds exactly and is moved into the
  // BigInt total only when it reaches that.
  let big = 0n;
  let small = 0;
  for (const p of list) {
    const v = p.values[basis];
    // The tool reads a blank or zero practice value as 1 (fillna(1).replace(0, 1)).
    small += method === 'nhse-tool' && v === 0 ? billion : v;
    if (small >= maxValue) {
      big += BigInt(small);
      small = 0;
    }
  }
  const t = big + BigInt(small);
  return method === 'exact' ? t : roundHalfAwayFromZero(t, scale) * scale;
}

const billion = Number(scale);

/**
 * Relative need index of a place for one basis = (place weighted population ÷ place
 * population) ÷ (ICB weighted population ÷ ICB population): the method of NHS England's
 * place-based allocation tool. Exact, or as the tool rounds it (3 decimal places, half up).
 */
export function needIndex(
  place: readonly PracticeWeights[],
  icb: readonly PracticeWeights[],
  basis: AllocationBasis,
  method: AllocationMethod = 'exact',
  w: WeightedPopulationOf = (list, b) => weightedPopulation(list, b, method),
): Rate {
  const index = ratio(w(place, basis) * w(icb, 'population'), w(place, 'population') * w(icb, basis));
  return method === 'exact' ? index : roundRate(index, 3);
}

type WeightedPopulationOf = (list: readonly PracticeWeights[], basis: AllocationBasis) => bigint;

/** weightedPopulation, each list's sum for a basis worked out once (an allocation asks for each many times). */
function remembered(method: AllocationMethod): WeightedPopulationOf {
  const sums = new Map<readonly PracticeWeights[], Map<AllocationBasis, bigint>>();
  return (list, basis) => {
    let byBasis = sums.get(list);
    if (!byBasis) sums.set(list, (byBasis = new Map()));
    let t = byBasis.get(basis);
    if (t === undefined) byBasis.set(basis, (t = weightedPopulation(list, basis, method)));
    return t;
  };
}

/**
 * Shares the single pot between places by need (seed 002 paragraphs 2.40–2.43): for each
 * component, ring-fences first, then the rest in proportion to each place's weighted
 * population for that component (largest remainder), with floors honoured by raising any
 * place below its floor and sharing what is left among the others. The places' targets
 * are the sums over components. Where current allocations are given, each place is moved
 * `pace` of the way from its current allocation towards target and the pot is shared in
 * those proportions; distance from target is reported against current allocations.
 */
export function allocatePlaces(input: AllocationInput, data: readonly PracticeWeights[]): AllocationResult {
  const method = input.method ?? 'exact';
  if (!methodNames.includes(method))
    throw new InvalidInput(
      '--method',
      `'${method}' is not a method`,
      `Use one of ${methodNames.join(', ')}.`,
    );
  const total = remembered(method);
  const members = resolvePlaces(input.icb, input.places, data);
  const icbList = data.filter((p) => p.icb === input.icb);
  const placeIds = input.places.map((p) => p.id);
  if (input.pot.length === 0)
    throw new InvalidInput('pot', 'is empty', 'List the components of the single pot with their amounts.');
  const potIds = new Map<string, number>();
  input.pot.forEach((c, i) => {
    const first = potIds.get(c.id);
    if (first !== undefined)
      throw new InvalidInput(`pot[${i}].id`, `'${c.id}' is also the id of pot[${first}]`);
    potIds.set(c.id, i);
    if (c.amount < 0) throw new InvalidInput(`pot[${i}].amount`, 'is negative');
    c.floors.forEach((f, j) => {
      const k = c.floors.findIndex((g) => g.place === f.place);
      if (k !== j)
        throw new InvalidInput(
          `pot[${i}].floors[${j}].place`,
          `'${f.place}' already has a floor at pot[${i}].floors[${k}]`,
        );
    });
    if (!basisNames.includes(c.basis))
      throw new InvalidInput(
        `pot[${i}].basis`,
        `'${c.basis}' is not a basis`,
        `Use one of ${basisNames.join(', ')}.`,
      );
    [...c.ring_fences, ...c.floors].forEach((x) => {
      if (!members.has(x.place))
        throw new InvalidInput(`pot[${i}]`, `names place '${x.place}', which is not in places`);
    });
  });

  const shares = new Map<string, ComponentShare[]>(placeIds.map((id) => [id, []]));
  input.pot.forEach((c, i) => {
    const weights = placeIds.map((id) => total(members.get(id) ?? [], c.basis));
    const amounts = shareComponent(c, placeIds, weights, `pot[${i}]`);
    placeIds.forEach((id, k) => {
      const list = members.get(id) ?? [];
      const index = needIndex(list, icbList, c.basis, method, total);
      const rf = c.ring_fences.filter((r) => r.place === id);
      const fl = c.floors.find((f) => f.place === id);
      shares.get(id)?.push({
        component: c.id,
        basis: c.basis,
        weighted_population: formatPersons(weights[k] ?? 0n),
        need_index: index,
        amount: figure(
          amounts[k] as Pence,
          `${c.name} for ${id}`,
          "ring-fences, then the rest by the place's share of the ICB's weighted population (largest remainder), floors honoured",
          () => ({
            inputs: {
              component_total: formatPounds(c.amount),
              basis: allocationBases[c.basis],
              place_weighted_population: formatPersons(weights[k] ?? 0n),
              icb_weighted_population: formatPersons(total(icbList, c.basis)),
              need_index: formatDecimal(index, method === 'exact' ? 4 : 3),
              method: allocationMethods[method],
              ...(rf.length ? { ring_fenced: formatPounds(sum(rf.map((r) => r.amount))) } : {}),
              ...(fl ? { floor: formatPounds(fl.minimum) } : {}),
            },
            parameters: [
              {
                id: 'nhse.weighted-populations',
                title: `NHS England allocation weighted populations ${input.year}`,
                value: allocationBases[c.basis],
                unit: 'persons',
                from: '2025-04-01',
                to: '2026-03-31',
                citations: [
                  'NHS England, 2025/26 ICB allocations: weighted populations by GP practice (ICB allocation calculations, published with the ICB Place Based Allocation Tool, england.nhs.uk/allocations)',
                ],
              },
            ],
          }),
        ),
      });
    });
  });

  const targets = placeIds.map((id) => sum((shares.get(id) ?? []).map((s) => s.amount.amount)));
  const potTotal = sum(input.pot.map((c) => c.amount));
  const current = new Map<string, Pence>();
  input.current?.forEach((c, i) => {
    if (!members.has(c.place)) throw new InvalidInput(`current[${i}].place`, `'${c.place}' is not in places`);
    const k = input.current?.findIndex((d) => d.place === c.place) ?? i;
    if (k !== i)
      throw new InvalidInput(
        `current[${i}].place`,
        `'${c.place}' already has a current allocation at current[${k}]`,
      );
    if (c.amount < 0) throw new InvalidInput(`current[${i}].amount`, 'is negative');
    current.set(c.place, c.amount);
  });
  if (input.current && current.size !== placeIds.length) {
    throw new InvalidInput(
      'current',
      'must give a current allocation for every place',
      `Places: ${placeIds.join(', ')}.`,
    );
  }
  const pace = input.pace;
  if (pace && (compare(pace, none) < 0 || compare(pace, one) > 0))
    throw new InvalidInput(
      'pace',
      `is ${formatPercent(pace)}; a pace of change must be between 0% and 100%`,
      'Above 100% would carry a place past its target.',
    );
  const finals =
    input.current && pace && potTotal !== 0
      ? apportion(
          potTotal,
          placeIds.map((id, k) => {
            const cur = ratio(current.get(id) ?? 0);
            return plus(cur, multiply(pace, minus(ratio(targets[k] ?? 0), cur)));
          }),
          'current',
        )
      : targets;

  return {
    method,
    icb: input.icb,
    icb_name: icbList[0]?.icb_name ?? input.icb,
    year: input.year,
    total: potTotal,
    population: formatPersons(total(icbList, 'population')),
    places: input.places.map((pl, k) => {
      const list = members.get(pl.id) ?? [];
      const comps = shares.get(pl.id) ?? [];
      const target = figure(
        targets[k] as Pence,
        `target for ${pl.name}`,
        'sum of its component shares',
        () => ({ inputs: {}, parameters: [], parts: comps.map((c) => c.amount.trace) }),
      );
      const cur = current.get(pl.id);
      return {
        id: pl.id,
        name: pl.name,
        practices: list.map((p) => p.practice).sort(),
        population: formatPersons(total(list, 'population')),
        need_index: needIndex(list, icbList, 'core-overall', method, total),
        components: comps,
        target,
        current: cur,
        distance_from_target:
          cur !== undefined && target.amount > 0
            ? distanceFromTarget(cur, target.amount, `places[${k}]`)
            : undefined,
        allocation:
          cur !== undefined && pace
            ? figure(
                finals[k] as Pence,
                `allocation for ${pl.name}`,
                'current + pace × (target − current), shares of the pot by largest remainder',
                () => ({
                  inputs: {
                    current: formatPounds(cur),
                    target: formatPounds(target.amount),
                    pace: formatPercent(pace),
                  },
                }),
              )
            : figure(
                target.amount,
                `allocation for ${pl.name}`,
                'the target (no pace of change given)',
                () => ({ inputs: {}, parameters: [], parts: [target.trace] }),
              ),
      };
    }),
  };
}

function shareComponent(
  c: PotComponent,
  placeIds: readonly string[],
  weights: readonly bigint[],
  field: string,
): Pence[] {
  const ring = placeIds.map((id) => sum(c.ring_fences.filter((r) => r.place === id).map((r) => r.amount)));
  const floor = placeIds.map((id) => c.floors.find((f) => f.place === id)?.minimum);
  const floored = new Set<number>();
  for (;;) {
    const pool =
      c.amount - sum(placeIds.map((_, k) => (floored.has(k) ? (floor[k] as Pence) : (ring[k] as Pence))));
    if (pool < 0)
      throw new InvalidInput(
        field,
        `its ring-fences and floors (${formatPounds(pence(c.amount - pool))}) exceed its amount (${formatPounds(c.amount)})`,
      );
    const open = placeIds.map((_, k) => k).filter((k) => !floored.has(k));
    if (open.length === 0) {
      // Every place is at its floor: what is left is shared by need on top of the floors.
      const extra = apportion(pence(pool), weights as bigint[], `${field}.weights`);
      return placeIds.map((_, k) => pence((floor[k] as Pence) + (extra[k] as Pence)));
    }
    const split = apportion(
      pence(pool),
      open.map((k) => weights[k] as bigint),
      `${field}.weights`,
    );
    const amounts = placeIds.map((_, k) =>
      floored.has(k) ? (floor[k] as Pence) : pence((ring[k] as Pence) + (split[open.indexOf(k)] as Pence)),
    );
    const below = open.filter((k) => floor[k] !== undefined && (amounts[k] as Pence) < (floor[k] as Pence));
    if (below.length === 0) return amounts;
    for (const k of below) floored.add(k);
  }
}

/** Billionths of a person as a decimal with two places, for display. */
export function formatPersons(v: bigint): string {
  return formatDecimal(ratio(v, scale), 2);
}
