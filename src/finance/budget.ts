import { InvalidInput } from '../errors.ts';
import type { Arrangement } from '../law/arrangement.ts';
import type { IsoDate } from '../law/date.ts';
import { formatPounds, nonNegative, type Pence, parsePounds, sum } from '../money/pence.ts';
import { type Figure, figure } from './trace.ts';

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
  reason: string;
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
  commissioner: string;
  source: FundingStream['source'];
  value: Pence;
  class: StreamClass;
  reason: string;
  citations: string[];
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
      commissioner: s.commissioner,
      source: s.source,
      value,
      class: c.class,
      reason: c.reason,
      citations: c.citations ?? [],
    };
  });
  const total = (cls: StreamClass) => {
    const mine = lines.filter((l) => l.class === cls);
    return figure(
      sum(mine.map((l) => l.value)),
      `${cls} streams`,
      `sum of the funding streams classified ${cls}`,
      Object.fromEntries(mine.map((l) => [l.id, `${formatPounds(l.value)} (${l.reason})`])),
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
      'pooled + aligned streams; streams outside the contract are left out (seed 001 paragraph 39)',
      {},
      [],
      [pooled.trace, aligned.trace],
    ),
    cquin_eligible: figure(
      sum(eligible.map((l) => l.value)),
      'CQUIN-eligible value',
      'in-scope NHS streams other than primary care (seed 001 paragraph 44); local-authority money is not in an NHS scheme',
      Object.fromEntries(eligible.map((l) => [l.id, formatPounds(l.value)])),
    ),
  };
}

/**
 * A classifier that takes the arrangement's own declared funds at their word: a stream whose
 * service is in a pooled fund is pooled, in an aligned fund aligned, otherwise outside. It
 * checks the file is consistent (the stream's service must be one the file lists), not that
 * the pooling is lawful — `concordat check` and the rulebook's classifier do that.
 */
export function classifyByDeclaredFunds(arrangement: Arrangement): FundingStreamClassifier {
  const services = new Set(arrangement.services.map((s) => s.service));
  return (stream, _on, i) => {
    if (!services.has(stream.service)) {
      throw new InvalidInput(
        `funding_streams[${i}].service`,
        `'${stream.service}' is not one of the services in this arrangement`,
        `Use one of ${[...services].join(', ')}.`,
      );
    }
    const fund = arrangement.funds.find(
      (f) =>
        f.services.includes(stream.service) &&
        (f.parties.includes(stream.commissioner) || f.kind === 'aligned'),
    );
    if (!fund) return { class: 'outside', reason: 'in no fund of the arrangement' };
    // A parallel fund keeps each commissioner's money separate but pays the same provider: aligned.
    const cls: StreamClass = fund.kind === 'pooled' ? 'pooled' : 'aligned';
    return { class: cls, reason: `in ${fund.kind} fund '${fund.id}' (${fund.mechanism})` };
  };
}
