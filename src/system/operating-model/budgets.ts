import { formatPounds, type Pence, parsePounds, sum } from '../../core/money.ts';
import type { PlacesFile } from '../../finance/places-file.ts';
import type { OperatingModel } from './model.ts';

/** A place or collaborative holding a delegated budget, and the SoRD decisions that sit under it. */
export interface BudgetHolder {
  id: string;
  name: string;
  kind: 'place' | 'collaborative';
  amount: Pence;
  pounds: string;
  /** Where the sum comes from: entered in the model, or the saved place grouping. */
  source: string;
  /** The committee that decides for a place, so its limits can be checked against the budget. */
  committee?: string | undefined;
  /** Ids of the SoRD entries decided under this budget. */
  decisions: string[];
}

export interface Budgets {
  allocation?: { amount: Pence; pounds: string; source: string } | undefined;
  holders: BudgetHolder[];
}

/** The parts of a saved place grouping the operating model uses: its pot and the current place amounts. */
export type PlaceGrouping = Pick<PlacesFile, 'pot' | 'current'> & { label: string };

/**
 * Works out what the ICB holds and what each place and collaborative is delegated. An amount
 * entered in the model wins; otherwise a place takes its current amount in the saved place
 * grouping, and the ICB's allocation is the grouping's pot (assumption: the pot is what the
 * ICB holds for delegation, as the allocation page treats it).
 */
export function resolveBudgets(model: OperatingModel, grouping?: PlaceGrouping): Budgets {
  let allocation: Budgets['allocation'];
  if (model.budgets?.icb_allocation) {
    const amount = parsePounds(model.budgets.icb_allocation, 'budgets.icb_allocation');
    allocation = { amount, pounds: formatPounds(amount), source: 'entered in the operating model' };
  } else if (grouping) {
    const amount = sum(grouping.pot.map((c, i) => parsePounds(c.amount, `pot[${i}].amount`)));
    allocation = { amount, pounds: formatPounds(amount), source: `the pot of ${grouping.label}` };
  }
  const decisionsOf = (ids: (string | undefined)[]) =>
    model.sord.filter((s) => ids.includes(s.decided_by)).map((s) => s.id);
  const holders: BudgetHolder[] = [];
  model.places.forEach((p, i) => {
    const current = grouping?.current?.find((c) => c.place === p.id);
    const text = p.budget ?? current?.amount;
    if (!text) return;
    const amount = parsePounds(text, p.budget ? `places[${i}].budget` : `current (${p.id})`);
    holders.push({
      id: p.id,
      name: `${p.name} place`,
      kind: 'place',
      amount,
      pounds: formatPounds(amount),
      source: p.budget ? 'entered in the operating model' : `the current amount in ${grouping?.label}`,
      committee: p.partnership.committee,
      decisions: decisionsOf([p.id, p.partnership.committee]),
    });
  });
  model.collaboratives.forEach((c, i) => {
    if (!c.budget) return;
    const amount = parsePounds(c.budget, `collaboratives[${i}].budget`);
    holders.push({
      id: c.id,
      name: c.name,
      kind: 'collaborative',
      amount,
      pounds: formatPounds(amount),
      source: 'entered in the operating model',
      decisions: decisionsOf([c.id]),
    });
  });
  return { allocation, holders };
}

/**
 * The model with its worked-out budgets written in (each place's budget and the ICB's
 * allocation) and no file named, so it can be stored and checked without the place grouping.
 */
export function withBudgetsEntered(model: OperatingModel, budgets: Budgets): OperatingModel {
  const amountOf = (id: string) => budgets.holders.find((h) => h.id === id)?.pounds;
  return {
    ...model,
    places: model.places.map((p) => {
      const budget = amountOf(p.id);
      return budget ? { ...p, budget } : p;
    }),
    budgets: budgets.allocation ? { icb_allocation: budgets.allocation.pounds } : undefined,
  };
}
