import { perPublishedHead, publishedRate, round } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import type { EnglandComparators } from './england.ts';
import {
  type Condition,
  conditionCodes,
  conditions,
  type Setting,
  type Sex,
  settings,
  sexes,
} from './model.ts';
import { fiveYearBands, num, type ProfileCell, profileCells, sumCells } from './profile.ts';
import { aggregateSql } from './sql.ts';
import { defaultSuppression, type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

export interface UtilisationRow {
  group: string;
  persons: SafeCount;
  /** Events in the 12 months before the date, per 1,000 people, by setting. */
  per1000: Record<Setting, number | null>;
  /** Cost per head in pence over the same 12 months. */
  costPerHeadPence: number | null;
}

function utilisation(
  group: string,
  cells: readonly ProfileCell[],
  policy: SuppressionPolicy,
): UtilisationRow {
  const t = sumCells(cells);
  return {
    group,
    persons: suppress(t.persons, policy),
    per1000: Object.fromEntries(
      settings.map((s) => [s, publishedRate(t.events[s], t.persons, 1000, policy)]),
    ) as Record<Setting, number | null>,
    costPerHeadPence: perPublishedHead(t.cost, t.persons, policy),
  };
}

export interface NeedsAssessment {
  pyramid: { band: string; sex: Sex; persons: SafeCount; percent: number | null; englandPercent: number }[];
  deprivation: { decile: number; persons: SafeCount; percent: number | null; englandPercent: number }[];
  prevalence: {
    condition: Condition;
    name: string;
    persons: SafeCount;
    percent: number | null;
    englandPercent: number | null;
  }[];
  multimorbidity: { conditions: string; persons: SafeCount; percent: number | null }[];
  utilisationByAge: UtilisationRow[];
  utilisationByDeprivation: UtilisationRow[];
  total: UtilisationRow;
}

/**
 * Needs assessment profile (seed 000, paras 12–13; seed 001, para 30): who the population is
 * (age–sex pyramid, deprivation mix), what they live with (QOF-register prevalence and
 * multimorbidity) and what care they use and cost (by age band and IMD decile), against
 * England where England figures exist. England's deprivation mix is a tenth per decile by
 * definition (deciles of LSOAs); England utilisation is not published per person, so none is
 * shown.
 */
export async function needsAssessment(
  engine: Engine,
  on: string,
  england: EnglandComparators,
  policy = defaultSuppression,
): Promise<NeedsAssessment> {
  const prevalence = await engine.query(aggregateSql.prevalence(engine, on));
  const multimorbidity = await engine.query(aggregateSql.multimorbidity(engine));
  return needsFromRows(await profileCells(engine), prevalence, multimorbidity, england, policy);
}

/** The needs assessment from the profile cells and the rows of `aggregateSql.prevalence` and `.multimorbidity`. */
export function needsFromRows(
  cells: readonly ProfileCell[],
  prevalenceRows: readonly Row[],
  multimorbidityRows: readonly Row[],
  england: EnglandComparators,
  policy: SuppressionPolicy,
): NeedsAssessment {
  const total = sumCells(cells).persons;
  const pct = (n: number) => publishedRate(n, total, 100, policy);
  const pyramid: NeedsAssessment['pyramid'] = [];
  for (let band = 0; band < 19; band++) {
    for (const sex of sexes) {
      const n = sumCells(cells.filter((c) => c.band === band && c.sex === sex)).persons;
      pyramid.push({
        band: fiveYearBands[band] as string,
        sex,
        persons: suppress(n, policy),
        percent: pct(n),
        englandPercent: round(100 * (england.ageSexShare[sex][band] ?? 0), 2),
      });
    }
  }
  const deprivation = Array.from({ length: 10 }, (_, i) => {
    const n = sumCells(cells.filter((c) => c.decile === i + 1)).persons;
    return { decile: i + 1, persons: suppress(n, policy), percent: pct(n), englandPercent: 10 };
  });
  const onRegister = new Map(prevalenceRows.map((r) => [String(r[0]), num(r[1])]));
  const prevalence = conditionCodes.map((code) => {
    const n = onRegister.get(code) ?? 0;
    const england = england_(code);
    return {
      condition: code,
      name: conditions[code].name,
      persons: suppress(n, policy),
      percent: pct(n),
      englandPercent: england,
    };
  });
  function england_(code: Condition) {
    const p = england.prevalence[code];
    return p === undefined ? null : round(100 * p, 2);
  }
  const multimorbidity = multimorbidityRows.map(([n, persons]) => ({
    conditions: num(n) >= 5 ? '5 or more' : String(num(n)),
    persons: suppress(num(persons), policy),
    percent: pct(num(persons)),
  }));
  return {
    pyramid,
    deprivation,
    prevalence,
    multimorbidity,
    utilisationByAge: fiveYearBands.map((label, band) =>
      utilisation(
        label,
        cells.filter((c) => c.band === band),
        policy,
      ),
    ),
    utilisationByDeprivation: Array.from({ length: 10 }, (_, i) =>
      utilisation(
        `Decile ${i + 1}`,
        cells.filter((c) => c.decile === i + 1),
        policy,
      ),
    ),
    total: utilisation('All', cells, policy),
  };
}
