import type { Rulebook } from '../../law/rulebook.ts';
import type { EventOf, EventType } from '../events.ts';
import type { ContractState } from '../state.ts';

/**
 * What one applied event does to the contract's state, and nothing else: the machine has
 * already checked the rule allows it, moves the phase the rule names, and words the timeline.
 */
export type Reducer<T extends EventType> = (
  state: ContractState,
  event: EventOf<T>,
  rulebook: Rulebook,
) => void;

/** A reducer for each of the event types `T`. */
export type Reducers<T extends EventType = EventType> = { [K in T]: Reducer<K> };

/** For events whose whole effect is the phase their transition rule moves the contract to. */
export const phaseChangeOnly = (): void => {};
