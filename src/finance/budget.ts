import { InvalidInput } from '../core/errors.ts';
import { formatPounds, nonNegative, type Pence, parsePounds, pence, sum } from '../core/money.ts';
import type { Arrangement } from '../law/arrangement.ts';
import type { IsoDate } from '../law/date.ts';
import { classifyFundingStream } from '../law/pooling.ts';
import type { Rulebook } from '../law/rulebook.ts';
import { draftIcpContract, type Figure, figure } from './trace.ts';

export type FundingStream = Arrangement['funding_streams'][number];

/**
 * Where a funding stream sits in an integrated budget (seed 000 Annex B; seed 001
 * paragraphs 39–40): pooled with the local authority (s75), aligned and ring-fenced
 * (primary medical care under the Delegation Agreement, invasive procedures, s7A public
 * health) but still paid through the ICP Contract, or outside the contract altogether.
 */
export type StreamClass = 'pooled' | 'aligned' | 'outside';

export interface StreamClassification {
  class: StreamClass;
  /** Why, in words (the rule's id is kept apart, in `rule`). */
  reason: string;
  /** The rulebook entry that decided it. */
  rule?: string | undefined;
  /** The service's name, e.g. "NHS continuing healthcare"; its id in words when not given. */
  service_name?: string | undefined;
  citations?: string[] | undefined;
}

/**
 * Decides a stream's class on a date. The rulebook's pooling plan supplies the real one
 * (`classifyFundingStream` in src/law/pooling.ts); it must throw InvalidInput naming
 * `funding_streams[i].service` for a service the rulebook does not know.
 */
export type FundingStreamClassifier = (
  stream: FundingStream,
  on: IsoDate,
  index: number,
) => StreamClassification;

export interface BudgetLine {
  id: string;
  service: string;
  service_name: string;
  commissioner: string;
  commissioner_name: string;
  source: FundingStream['source'];
  value: Pence;
  class: StreamClass;
  reason: string;
  rule: string | undefined;
  citations: readonly string[];
}

export interface IntegratedBudget {
  on: IsoDate;
  lines: BudgetLine[];
  pooled: Figure;
  aligned: Figure;
  outside: Figure;
  /** Pooled + aligned: the ICP's in-scope baseline, from which the WPAP is built. */
  icp_total: Figure;
  /** In-scope NHS value other than primary care and local-authority money: what CQUIN applies to. */
  cquin_eligible: Figure;
}

const noCitations: readonly string[] = [];

/** What each class total is called, and how its streams are described, in a figure's explanation. */
const streamsNamed: Record<StreamClass, string> = {
  pooled: 'pooled budget',
  aligned: 'aligned budget',
  outside: 'money outside the ICP',
};
const streamsAre: Record<StreamClass, string> = {
  pooled: 'pooled by the commissioners',
  aligned: 'aligned (kept by each commissioner, paid through the ICP Contract)',
  outside: 'left outside the ICP Contract',
};

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A stream as a reader names it in an explanation: its service and who commissions it, never its id. */
const lineName = (l: BudgetLine) => `${sentenceCase(l.service_name)} from ${l.commissioner_name}`;

/** Why a stream sits where it does, with the sources that say so by title and part. */
const lineReason = (l: BudgetLine) =>
  l.citations.length ? `${l.reason} (${l.citations.join('; ')})` : l.reason;

/** NHS sources CQUIN applies to: not primary care (seed 001 para 44) and not local-authority money. */
const cquinSources: ReadonlySet<FundingStream['source']> = new Set(['icb-core', 's7a', 'specialised']);

/**
 * Builds the integrated budget from the arrangement's funding streams on a date: each stream
 * read exactly, classified, and totalled by class. Nothing is returned unless every stream is
 * valid.
 */
export function buildBudget(
  arrangement: Arrangement,
  classify: FundingStreamClassifier,
  on: IsoDate,
): IntegratedBudget {
  if (arrangement.funding_streams.length === 0) {
    throw new InvalidInput('funding_streams', 'is empty', 'List each funding stream with its annual value.');
  }
  const lines = arrangement.funding_streams.map((s, i): BudgetLine => {
    const value = nonNegative(
      parsePounds(s.annual_value, `funding_streams[${i}].annual_value`),
      `funding_streams[${i}].annual_value`,
    );
    const c = classify(s, on, i);
    return {
      id: s.id,
      service: s.service,
      service_name: c.service_name ?? s.service.replaceAll('-', ' '),
      commissioner: s.commissioner,
      commissioner_name:
        arrangement.commissioners.find((x) => x.id === s.commissioner)?.name ?? s.commissioner,
      source: s.source,
      value,
      class: c.class,
      reason: c.reason,
      rule: c.rule,
      citations: c.citations ?? noCitations,
    };
  });
  const total = (cls: StreamClass) => {
    let amount = 0;
    for (const l of lines) if (l.class === cls) amount += l.value;
    // The lines are listed only when the figure is explained, each by its service and commissioner.
    return figure(
      pence(amount, 'sum'),
      streamsNamed[cls],
      `the sum of the funding streams ${streamsAre[cls]}`,
      () => ({
        inputs: Object.fromEntries(
          lines
            .filter((l) => l.class === cls)
            .map((l) => [lineName(l), `${formatPounds(l.value)}: ${lineReason(l)}`]),
        ),
      }),
    );
  };
  const pooled = total('pooled');
  const aligned = total('aligned');
  const outside = total('outside');
  const eligible = lines.filter((l) => l.class !== 'outside' && cquinSources.has(l.source));
  return {
    on,
    lines,
    pooled,
    aligned,
    outside,
    icp_total: figure(
      sum([pooled.amount, aligned.amount]),
      'ICP in-scope baseline',
      `pooled + aligned streams; streams outside the contract are left out (${draftIcpContract('paragraph 39')})`,
      () => ({ inputs: {}, parameters: [], parts: [pooled.trace, aligned.trace] }),
    ),
    cquin_eligible: figure(
      sum(eligible.map((l) => l.value)),
      'CQUIN-eligible value',
      `in-scope NHS streams other than primary care (${draftIcpContract('paragraph 44')}); local-authority money is not in an NHS scheme`,
      () => ({ inputs: Object.fromEntries(eligible.map((l) => [lineName(l), formatPounds(l.value)])) }),
    ),
  };
}

/**
 * The rulebook's pooling plan as a classifier (src/law/pooling.ts): the service and the
 * source are both classified on the date and the stricter answer wins; a service the
 * rulebook does not know on that date is bad input naming the stream.
 */
export function classifyByRulebook(rulebook: Rulebook): FundingStreamClassifier {
  // The answer depends only on the date, service and source, and many contracts share them:
  // each is worked out once (a refusal is not kept, so it names each stream's own field).
  const known = new Map<string, ReturnType<FundingStreamClassifier>>();
  return (stream, on, i) => {
    const key = `${on} ${stream.service} ${stream.source}`;
    const seen = known.get(key);
    if (seen) return seen;
    const c = classifyFundingStream(rulebook, stream, on, `funding_streams[${i}].service`);
    const answer = {
      class: c.classification === 'aligned-ring-fenced' ? ('aligned' as const) : c.classification,
      reason: c.reason,
      rule: c.rule,
      service_name: c.title,
      citations: c.citations.map((x) => x.text),
    };
    known.set(key, answer);
    return answer;
  };
}
