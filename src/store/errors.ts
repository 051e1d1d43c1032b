import type { Refusal } from '../contracts/state.ts';

/** Something asked for by id that is not there. The API answers 404 naming it. */
export class NotFound extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`there is no ${entity} '${id}'`);
    this.name = 'NotFound';
  }
}

/** An update based on an out-of-date version (optimistic concurrency). The API answers 409. */
export class StaleVersion extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expected: number,
    readonly current: number,
  ) {
    super(`${entity} '${id}' is at version ${current}, not ${expected}: someone else changed it first`);
    this.name = 'StaleVersion';
  }
}

/**
 * An event the contract rules (rulebook/lifecycle/) do not allow now: it is not stored.
 * Carries the machine's refusal (reason, rule and sources); the API answers 422 naming the rule.
 */
export class RefusedEvent extends Error {
  constructor(readonly refusal: Refusal) {
    super(
      `event ${refusal.index + 1} (${refusal.type} on ${refusal.on}) refused: ${refusal.reason} [${refusal.rule}]`,
    );
    this.name = 'RefusedEvent';
  }
}
