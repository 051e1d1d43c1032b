import { formatPounds, type Pence } from '../core/money.ts';
import type { IsoDate } from '../law/date.ts';
import type { ParameterValue, Rulebook } from '../law/rulebook.ts';
import type { Provenance } from '../law/schema.ts';

/**
 * A dated parameter as used in a calculation: its value, the dates it covers, its sources and,
 * for one the rulebook gives, how far it was checked against them (none for a local figure).
 */
export interface ParameterUse {
  id: string;
  title: string;
  value: string;
  unit: string;
  from: IsoDate;
  to?: IsoDate | undefined;
  citations: string[];
  provenance?: Provenance | undefined;
}

/**
 * How a figure was reached (ARCHITECTURE practice 12): what it is, the rule applied (with
 * its citation), the inputs, the parameters with their dates and sources, and the figures it
 * was built from.
 */
export interface Trace {
  what: string;
  rule: string;
  inputs: Record<string, string>;
  parameters: ParameterUse[];
  parts: Trace[];
}

/** An amount of money that carries its own explanation. */
export interface Figure {
  amount: Pence;
  readonly trace: Trace;
}

export interface TraceDetails {
  inputs?: Record<string, string>;
  parameters?: ParameterUse[];
  parts?: Trace[];
}

const noDetails = (): TraceDetails => ({});

/**
 * A figure whose trace is written out when first read: schedules make hundreds of thousands
 * of figures and most are never explained, so the words are built only when asked for.
 */
class LazyFigure implements Figure {
  readonly amount: Pence;
  #what: string;
  #rule: string;
  #details: (() => TraceDetails) | undefined;
  #trace: Trace | undefined;

  constructor(amount: Pence, what: string, rule: string, details: () => TraceDetails) {
    this.amount = amount;
    this.#what = what;
    this.#rule = rule;
    this.#details = details;
  }

  get trace(): Trace {
    if (!this.#trace) {
      const d = this.#details?.() ?? {};
      this.#details = undefined;
      this.#trace = {
        what: `${this.#what}: ${formatPounds(this.amount)}`,
        rule: this.#rule,
        inputs: d.inputs ?? {},
        parameters: d.parameters ?? [],
        parts: d.parts ?? [],
      };
    }
    return this.#trace;
  }

  toJSON() {
    return { amount: this.amount, trace: this.trace };
  }
}

export function figure(
  amount: Pence,
  what: string,
  rule: string,
  details: () => TraceDetails = noDetails,
): Figure {
  return new LazyFigure(amount, what, rule, details);
}

export function parameterUse(p: ParameterValue): ParameterUse {
  return {
    id: p.id,
    title: p.title,
    value: String(p.value),
    unit: p.unit,
    from: p.from,
    to: p.to,
    citations: p.cite.map((c) => c.text),
    provenance: p.provenance,
  };
}

/** A parameter given locally (in the arrangement's payment terms) rather than by the rulebook. */
export function localParameter(
  id: string,
  title: string,
  value: string,
  unit: string,
  from: IsoDate,
): ParameterUse {
  return { id, title, value, unit, from, citations: ["agreed locally, in the arrangement's payment terms"] };
}

/**
 * The paper most of the money rules come from, at a paragraph, cited as a commissioner
 * would look it up (as the rulebook cites source icp-contract-2018).
 */
export function draftIcpContract(at: string): string {
  return `NHS England, Draft ICP Contract: a consultation, August 2018, ${at}`;
}

export type { Rulebook };
