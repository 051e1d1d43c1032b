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

/** One place in a document where it names the parties otherwise than they are stored. */
export interface PartyMismatch {
  /** Where in the document, for example `['providers', 1, 'ods']`. */
  path: (string | number)[];
  problem: string;
}

/**
 * A new version of an arrangement whose document names other parties than those stored:
 * it is not saved, as parties change only by an accepted proposal. The API answers 422.
 */
export class PartiesMismatch extends Error {
  constructor(
    readonly arrangementId: string,
    /** The stored parties, described for the reader (`QUA (commissioner)`). */
    readonly stored: string[],
    readonly mismatches: PartyMismatch[],
  ) {
    super(`the document of arrangement '${arrangementId}' does not name its stored parties`);
    this.name = 'PartiesMismatch';
  }
}

/** A party change that clashes with the stored parties or an open proposal. The API answers 409. */
export class PartyChangeRefused extends Error {
  constructor(
    /** The request field at fault, for example `organisation`. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'PartyChangeRefused';
  }
}
