import { describe, expect, it } from 'vitest';
import { loadRulebook } from '../../law/rulebook.ts';
import { functionTitle, icbFunctions, mayGoTo } from './functions.ts';

const rulebook = loadRulebook();

describe('icbFunctions', () => {
  it('lists every ICB function with who may decide it on the date', () => {
    const all = icbFunctions(rulebook, '2023-09-01');
    const ids = [...rulebook.entries.values()].filter((e) => e.kind === 'icb-function').map((e) => e.id);
    expect(all.map((f) => f.id)).toEqual(ids);
    const budget = all.find((f) => f.id === 'system.icb-function.annual-budget');
    expect(budget).toMatchObject({
      title: 'Setting the annual budget and the budgets it delegates',
      reserved: true,
      who_may_decide: 'Reserved to the board',
      in_force: true,
    });
    const gp = all.find((f) => f.id === 'system.icb-function.primary-medical');
    expect(gp?.who_may_decide).toBe(
      'The board, or a committee of the board, a joint committee or an officer',
    );
    expect(gp?.held_from_nhse).toBe(
      'NHS England delegates primary medical services commissioning to every ICB',
    );
  });

  it('says when no version is in force yet, taking who may decide from the latest', () => {
    const early = icbFunctions(rulebook, '2021-06-01');
    expect(early.every((f) => !f.in_force)).toBe(true);
    expect(early.find((f) => f.id === 'system.icb-function.constitution')?.reserved).toBe(true);
  });
});

describe('words', () => {
  it('joins delegates with "or" and titles without the rulebook prefix', () => {
    expect(mayGoTo(['officer'])).toBe('an officer');
    expect(mayGoTo(['board-committee', 'nhs-trust'])).toBe(
      'a committee of the board or an NHS trust or foundation trust',
    );
    expect(functionTitle(rulebook, 'system.icb-activity.complaints')).toBe('Complaint handling');
    expect(functionTitle(rulebook, 'made-up')).toBe('Made-up');
  });
});
