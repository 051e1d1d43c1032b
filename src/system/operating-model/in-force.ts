import type { IsoDate } from '../../law/date.ts';

/** What deciding which model is in force needs to know of each. */
export interface Dated {
  icb: string;
  effective_from?: string | undefined;
}

/**
 * Of several operating models, the one of each ICB in force on a date: the one with the latest
 * `effective_from` on or before it. A model without `effective_from` says nothing of when it
 * applies, so it counts as in force from any date but yields to a dated one (assumption: an
 * undated model is a working draft of the current arrangements). Between equals, the later in
 * `models` wins, so callers list them oldest first. Models keep their order in the answer.
 */
export function modelsInForce<T>(models: readonly T[], on: IsoDate, dated: (model: T) => Dated): T[] {
  const chosen = new Map<string, { model: T; from: string }>();
  for (const model of models) {
    const { icb, effective_from } = dated(model);
    if (effective_from !== undefined && effective_from > on) continue;
    // '' sorts before every date, so a dated model beats an undated one.
    const from = effective_from ?? '';
    const best = chosen.get(icb);
    if (!best || from >= best.from) chosen.set(icb, { model, from });
  }
  const kept = new Set([...chosen.values()].map((c) => c.model));
  return models.filter((m) => kept.has(m));
}
