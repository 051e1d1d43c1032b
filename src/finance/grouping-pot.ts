import { InvalidInput } from '../core/errors.ts';
import type { Pence } from '../core/money.ts';
import type { AllocationBasis, PracticeWeights } from '../system/weighted-populations.ts';
import { type AllocationMethod, allocatePlaces } from './allocation.ts';
import { placesInput } from './places-file.ts';

/** A place of a saved grouping: its name and the ODS codes of its practices. */
export interface GroupedPlace {
  name: string;
  practices: string[];
}

/**
 * A grouping's pot as a person writes it: amounts in pounds and the pace of change as a
 * percentage, ring-fences, floors and current allocations naming the grouping's places by name.
 */
export interface PotText {
  components: {
    name: string;
    amount: string;
    basis: AllocationBasis;
    ring_fences: { place: string; amount: string }[];
    floors: { place: string; minimum: string }[];
  }[];
  pace: { rate: string; current: { place: string; amount: string }[] } | null;
  method: AllocationMethod;
}

/** The same pot held exactly, as it is saved with the grouping: every amount in pence. */
export interface SavedPot {
  components: {
    name: string;
    amount: Pence;
    basis: AllocationBasis;
    ring_fences: { place: string; amount: Pence }[];
    floors: { place: string; minimum: Pence }[];
  }[];
  pace: { rate: string; current: { place: string; amount: Pence }[] } | null;
  method: AllocationMethod;
}

/**
 * Checks a pot against the places it is shared between by sharing it (as `allocatePlaces`
 * does for the allocation page), so a pot that is saved can always be allocated, and returns
 * it in pence. A problem names its field as the pot is written: `pot.components[0].amount`,
 * `pot.pace.current[1].amount`, `pot.pace.rate`.
 */
export function checkPot(
  icb: string,
  year: string,
  places: readonly GroupedPlace[],
  pot: PotText,
  data: readonly PracticeWeights[],
): SavedPot {
  try {
    const input = placesInput(
      {
        places: places.map((p) => ({ id: p.name, name: p.name, practices: p.practices })),
        pot: pot.components.map((c, i) => ({ ...c, id: `component-${i + 1}` })),
        current: pot.pace?.current,
        pace: pot.pace?.rate,
      },
      icb,
      year,
    );
    allocatePlaces({ ...input, method: pot.method }, data);
    return {
      components: input.pot.map((c) => ({
        name: c.name,
        amount: c.amount,
        basis: c.basis,
        ring_fences: c.ring_fences.map((r) => ({ place: r.place, amount: r.amount })),
        floors: c.floors.map((f) => ({ place: f.place, minimum: f.minimum })),
      })),
      pace:
        input.current && pot.pace
          ? { rate: pot.pace.rate, current: input.current.map((c) => ({ ...c })) }
          : null,
      method: pot.method,
    };
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    throw new InvalidInput(potField(e.field), e.problem, e.hint);
  }
}

/** `pot[0].amount` → `pot.components[0].amount`, `current[1]` → `pot.pace.current[1]`, `pace` → `pot.pace.rate`. */
function potField(field: string): string {
  if (field.startsWith('pot[')) return `pot.components${field.slice(3)}`;
  if (field === 'pot') return 'pot.components';
  if (field.startsWith('current')) return `pot.pace.${field}`;
  if (field === 'pace') return 'pot.pace.rate';
  return field;
}
