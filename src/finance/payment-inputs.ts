import { InvalidInput } from '../core/errors.ts';
import { type Pence, parsePounds } from '../core/money.ts';
import type { Arrangement } from '../law/arrangement.ts';
import { formatDate, type IsoDate } from '../law/date.ts';
import type { Rulebook } from '../law/rulebook.ts';
import {
  checkNoOverlap,
  type FinancialYear,
  type Period,
  parseFinancialYear,
  yearOf,
  yearPeriod,
} from '../money/calendar.ts';
import { compare, none, one, parseDecimal, parsePercent, plus, type Rate, ratio } from '../money/rate.ts';
import { checkAchievement, type PracticeShare, type WeightedIndicator } from './incentives.ts';
import { asRate, yearParameter } from './parameters.ts';
import type { Corridor } from './risk-share.ts';
import { localParameter, type ParameterUse } from './trace.ts';

export type Payment = NonNullable<Arrangement['payment']>;

export const noPaymentTerms: Payment = {
  local_indicators: [],
  activity_paid: [],
  uplifts: [],
  population_index: [],
  scope_changes: [],
  affordability: [],
};

/** An agreed scope change: its full-year value from its date, in the financial year it starts. */
export interface Change {
  from: IsoDate;
  year: FinancialYear;
  annual: Pence;
  description: string;
  field: string;
}

/** A rate for a year with the parameter it came from (none for a default such as 0% uplift). */
export interface DatedRate {
  rate: Rate;
  parameter?: ParameterUse | undefined;
}

/** A year's uplift with 1 + its rate, worked out once for every year the uplift covers. */
export interface Uplift extends DatedRate {
  growth: Rate;
}

/** A year's variance (spend − WPAP, a loss positive) and the field it was given in. */
export interface Outturn {
  variance: Pence;
  field: string;
}

/** The payment section read and checked in full: exact rates, pence and financial years. */
export interface PaymentInputs {
  cquin?:
    | {
        /** The CQUIN rate for every year of the schedule. */
        rate: Map<FinancialYear, DatedRate & { parameter: ParameterUse }>;
        indicators: WeightedIndicator[];
      }
    | undefined;
  /** Local indicators; each earns on its own money at risk, so it is the only indicator sharing it. */
  local: {
    id: string;
    /** The indicator's name as the arrangement gives it, else its id in words. */
    name: string;
    atRisk: Rate;
    achievement: Rate;
    field: string;
    alone: WeightedIndicator[];
  }[];
  activity: { id: string; service: string; description: string | undefined; annual: Pence; field: string }[];
  /** The uplift for every year of the schedule after the first. */
  uplift: Map<FinancialYear, Uplift>;
  populationIndex: Map<FinancialYear, Rate>;
  changes: Change[];
  affordability: Map<FinancialYear, Pence>;
  risk?: { corridors: Corridor[]; cap?: Pence | undefined; parameter: ParameterUse } | undefined;
  outturn: Map<FinancialYear, Outturn>;
  flow?:
    | {
        share: Rate;
        practices: PracticeShare[];
        /** The practices' list sizes, in order: the weights their shares are worked out by. */
        listSizes: number[];
      }
    | undefined;
}

/** Reads and checks the payment section in full before any figure is worked out. */
export function readPayment(
  p: Payment,
  a: Arrangement,
  term: Period,
  years: FinancialYear[],
  rulebook: Rulebook,
): PaymentInputs {
  const inSchedule = (year: string, field: string): FinancialYear => {
    const y = parseFinancialYear(year, field);
    if (!years.includes(y))
      throw new InvalidInput(
        field,
        `${y} is outside the term's schedule (${years[0]} to ${years[years.length - 1]})`,
      );
    return y;
  };
  const services = new Set(a.services.map((s) => s.service));
  const activity = p.activity_paid.map((x, i) => {
    const field = `payment.activity_paid[${i}]`;
    if (!services.has(x.service)) {
      throw new InvalidInput(
        `${field}.service`,
        `'${x.service}' is not one of the services in this arrangement`,
        `Use one of ${[...services].join(', ')}.`,
      );
    }
    const annual = parsePounds(x.annual_value, `${field}.annual_value`);
    if (annual < 0) throw new InvalidInput(`${field}.annual_value`, 'is negative');
    return { id: x.id, service: x.service, description: x.description, annual, field };
  });

  checkNoOverlap(
    p.uplifts.map((u) => ({ from: u.from, to: u.to ?? '9999-12-31' })),
    'payment.uplifts',
  );
  p.uplifts.forEach((u, i) => {
    if (!u.from.endsWith('-04-01'))
      throw new InvalidInput(
        `payment.uplifts[${i}].from`,
        `${formatDate(u.from)} is not the start of a financial year`,
        'Uplifts apply from 1 April.',
      );
  });

  const populationIndex = new Map<FinancialYear, Rate>();
  const seenIndex = new Map<FinancialYear, string>();
  p.population_index.forEach((x, i) => {
    const field = `payment.population_index[${i}]`;
    const y = inSchedule(x.year, `${field}.year`);
    if (y === years[0])
      throw new InvalidInput(
        `${field}.year`,
        `${y} is the first year`,
        'The baseline already reflects the first year; indices apply from the second year.',
      );
    once(seenIndex, y, `${field}.year`);
    const index = parseDecimal(x.index, `${field}.index`);
    if (compare(index, none) <= 0)
      throw new InvalidInput(
        `${field}.index`,
        `${x.index} would make the in-scope value £0.00 from ${y} on`,
        'A weighted-population index compares this year with the last and must be above 0 (1 for no change).',
      );
    populationIndex.set(y, index);
  });

  const lastDay = years.length ? yearPeriod(years[years.length - 1] as FinancialYear).to : term.to;
  const changes = p.scope_changes.map((c, i): Change => {
    const field = `payment.scope_changes[${i}]`;
    if (c.from < term.from || c.from > term.to || c.from > lastDay) {
      throw new InvalidInput(
        `${field}.from`,
        `${formatDate(c.from)} is outside the term's schedule (${formatDate(term.from)} to ${formatDate(term.to < lastDay ? term.to : lastDay)})`,
      );
    }
    return {
      from: c.from,
      year: yearOf(c.from),
      annual: parsePounds(c.annual_value, `${field}.annual_value`),
      description: c.description,
      field,
    };
  });

  const affordability = new Map<FinancialYear, Pence>();
  const seenCap = new Map<FinancialYear, string>();
  p.affordability.forEach((x, i) => {
    const field = `payment.affordability[${i}]`;
    const y = inSchedule(x.year, `${field}.year`);
    once(seenCap, y, `${field}.year`);
    const cap = parsePounds(x.cap, `${field}.cap`);
    if (cap < 0) throw new InvalidInput(`${field}.cap`, 'is negative');
    affordability.set(y, cap);
  });

  const cquin = p.cquin ? readCquin(p.cquin, term, years, rulebook) : undefined;

  const local = p.local_indicators.map((x, i) => {
    const achievement = parseAchievement(x.achievement, `payment.local_indicators[${i}].achievement`);
    return {
      id: x.id,
      name: x.name ?? x.id.replaceAll('-', ' '),
      atRisk: percentUpTo100(
        x.at_risk,
        `payment.local_indicators[${i}].at_risk`,
        'money at risk on an indicator',
      ),
      achievement,
      field: `payment.local_indicators[${i}]`,
      alone: [{ id: x.id, weight: 1, achievement }],
    };
  });

  const risk = p.risk_share ? readCorridors(p.risk_share, term, rulebook) : undefined;
  const outturn = new Map<FinancialYear, Outturn>();
  const seenOutturn = new Map<FinancialYear, string>();
  p.risk_share?.outturn.forEach((x, i) => {
    const field = `payment.risk_share.outturn[${i}]`;
    const y = inSchedule(x.year, `${field}.year`);
    once(seenOutturn, y, `${field}.year`);
    outturn.set(y, { variance: parsePounds(x.variance, `${field}.variance`), field: `${field}.variance` });
  });

  const flow = p.gp_flow_through ? readFlowThrough(p.gp_flow_through, a) : undefined;
  const uplift = readUplifts(p.uplifts, years);
  return { cquin, local, activity, uplift, populationIndex, changes, affordability, risk, outturn, flow };
}

/**
 * The arrangement's own corridors (an input, traced to its field), or the rulebook's dated
 * default on the first day of the term (a parameter, traced to its sources).
 */
function readCorridors(
  r: NonNullable<Payment['risk_share']>,
  term: Period,
  rulebook: Rulebook,
): NonNullable<PaymentInputs['risk']> {
  const cap = r.cap ? parsePounds(r.cap, 'payment.risk_share.cap') : undefined;
  const field = 'payment.risk_share.corridors';
  const id = 'money.risk-share.default-corridors';
  const fallback = r.corridors ? undefined : rulebook.require(id, term.from, 'corridors');
  const given = r.corridors ?? fallback?.corridors ?? [];
  const corridors = given.map((c, i) => ({
    up_to: c.up_to ? parsePercent(c.up_to, `${field}[${i}].up_to`) : undefined,
    provider_share: parsePercent(c.provider_share, `${field}[${i}].provider_share`),
  }));
  const shown = given.map((c) => `${c.provider_share} ${c.up_to ? `up to ${c.up_to}` : 'beyond'}`).join(', ');
  const parameter: ParameterUse = fallback
    ? {
        id,
        title: rulebook.entry(id).title,
        value: shown,
        unit: 'corridors',
        from: fallback.from,
        to: fallback.to,
        citations: rulebook.resolve(fallback.cite).map((c) => c.text),
        provenance: rulebook.entry(id).provenance,
      }
    : localParameter(field, 'Risk-share corridors (agreed in the contract)', shown, 'corridors', term.from);
  return { corridors, cap, parameter };
}

/** A year given once in a list of dated rows; a repeat names where it was first given. */
function once(seen: Map<FinancialYear, string>, year: FinancialYear, field: string): void {
  const first = seen.get(year);
  if (first) throw new InvalidInput(field, `${year} is also given at ${first}`, 'Give each year once.');
  seen.set(year, field);
}

/** A percentage that is a part of something (money at risk, a share passed on): 0% to 100%. */
function percentUpTo100(text: string, field: string, what: string): Rate {
  const rate = parsePercent(text, field);
  if (compare(rate, none) < 0 || compare(rate, one) > 0)
    throw new InvalidInput(field, `${text} is not ${what}: it must be from 0% to 100%`);
  return rate;
}

/** How far an indicator was met, checked when the terms are read (0% to 100%). */
function parseAchievement(text: string, field: string): Rate {
  return checkAchievement(parsePercent(text, field), field, text);
}

/** Flow-through to the practices with an Integration Agreement, each with its list size. */
function readFlowThrough(
  f: NonNullable<Payment['gp_flow_through']>,
  a: Arrangement,
): NonNullable<PaymentInputs['flow']> {
  const share = percentUpTo100(f.share, 'payment.gp_flow_through.share', 'a share of incentive money earned');
  const practices = a.gp_practices
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => g.mode === 'partial' && g.integration_agreement)
    .map(({ g, i }) => {
      if (g.list_size === undefined) {
        throw new InvalidInput(
          `gp_practices[${i}].list_size`,
          `is needed to share incentive money with ${g.ods}`,
          'Give the registered list size.',
        );
      }
      return { ods: g.ods, name: g.name, list_size: g.list_size };
    });
  return {
    share,
    practices,
    listSizes: practices.map((x) => x.list_size),
  };
}

/**
 * CQUIN: the locally agreed rate, or the rulebook's dated rate for each year of the schedule
 * (read now, so a year without one fails before any figure is made), and its indicators.
 */
function readCquin(
  c: NonNullable<Payment['cquin']>,
  term: Period,
  years: FinancialYear[],
  rulebook: Rulebook,
): NonNullable<PaymentInputs['cquin']> {
  const agreed = c.rate
    ? {
        rate: percentUpTo100(c.rate, 'payment.cquin.rate', 'a CQUIN rate'),
        parameter: localParameter(
          'payment.cquin.rate',
          'CQUIN rate (locally agreed)',
          c.rate,
          'percent',
          term.from,
        ),
      }
    : undefined;
  const rate = new Map<FinancialYear, DatedRate & { parameter: ParameterUse }>();
  for (const year of years) {
    if (agreed) rate.set(year, agreed);
    else {
      const parameter = yearParameter(rulebook, 'money.cquin.rate', year, 'payment.cquin.rate');
      rate.set(year, { rate: asRate(parameter), parameter });
    }
  }
  return {
    rate,
    indicators: c.indicators.map((x, i) => ({
      id: x.id,
      weight: x.weight,
      achievement: parseAchievement(x.achievement, `payment.cquin.indicators[${i}].achievement`),
    })),
  };
}

/**
 * The uplift in force on 1 April of each year after the first: none given means 0%; if some
 * are given, every such year must be covered. Each uplift's rate is read once.
 */
function readUplifts(uplifts: Payment['uplifts'], years: FinancialYear[]): Map<FinancialYear, Uplift> {
  const read: Uplift[] = [];
  const out = new Map<FinancialYear, Uplift>();
  for (const year of years.slice(1)) {
    const start = yearPeriod(year).from;
    const i = uplifts.findIndex((u) => covers(u, start));
    const u = uplifts[i];
    if (!u) {
      if (uplifts.length > 0)
        throw new InvalidInput(
          'payment.uplifts',
          `no uplift covers ${year}`,
          'Give an uplift for every year after the first (0% if none is agreed).',
        );
      out.set(year, noUplift);
      continue;
    }
    read[i] ??= readUplift(u, i);
    out.set(year, read[i]);
  }
  return out;
}

function readUplift(u: Payment['uplifts'][number], i: number): Uplift {
  const rate = parsePercent(u.rate, `payment.uplifts[${i}].rate`);
  return {
    rate,
    growth: plus(one, rate),
    parameter: localParameter('payment.uplift', 'Annual uplift', u.rate, 'percent', u.from),
  };
}

function covers(u: Payment['uplifts'][number], day: IsoDate): boolean {
  return u.from <= day && (u.to === undefined || day <= u.to);
}

const noUplift: Uplift = { rate: ratio(0), growth: one };
