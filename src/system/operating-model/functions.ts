import type { IsoDate } from '../../law/date.ts';
import type { DelegateKind } from '../../law/kinds/system.ts';
import type { Rulebook, RuleEntry } from '../../law/rulebook.ts';

/** Who may take a delegated decision, as a governance lead would say it. */
export const delegateNames: Record<DelegateKind, string> = {
  'board-committee': 'a committee of the board',
  'joint-committee': 'a joint committee',
  officer: 'an officer',
  'nhs-trust': 'an NHS trust or foundation trust',
  'local-authority': 'a local authority',
};

/** "a committee of the board, a joint committee or an officer". */
export function mayGoTo(kinds: readonly DelegateKind[]): string {
  const names = kinds.map((k) => delegateNames[k]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** A function's title without the rulebook's "For an ICB:" prefix, with a capital letter. */
export function functionTitle(rulebook: Rulebook, id: string): string {
  const bare = rulebook.entries.get(id)?.title.replace(/^For an ICB: /, '') ?? id;
  return `${bare.charAt(0).toUpperCase()}${bare.slice(1)}`;
}

/** One function a SoRD row can name, and who may take its decisions on a date. */
export interface IcbFunction {
  id: string;
  title: string;
  /** True when the board must keep it (the version on the date, or the latest, delegates to nobody). */
  reserved: boolean;
  /** Who may take it, in words: "Reserved to the board" or "The board, or a committee of the board, …". */
  who_may_decide: string;
  /** The NHS England delegation the ICB holds it by, in words, if it is one. */
  held_from_nhse?: string | undefined;
  /** Whether any version is in force on the date (ICB functions start on 1 July 2022). */
  in_force: boolean;
}

/**
 * Every ICB function and Annex A activity reading in the rulebook (kind `icb-function`), in
 * rulebook order, each with who may decide it under the version in force on `on`; when none
 * is in force yet (a date before 1 July 2022) the latest version says it, and `in_force` is false.
 */
export function icbFunctions(rulebook: Rulebook, on: IsoDate): IcbFunction[] {
  return [...rulebook.entries.values()]
    .filter((e): e is RuleEntry<'icb-function'> => e.kind === 'icb-function')
    .map((entry) => {
      const current = rulebook.versionOn(entry, on);
      const version = current ?? entry.versions.at(-1);
      const kinds = version?.delegable_to ?? [];
      const held = version?.held_from_nhse;
      return {
        id: entry.id,
        title: functionTitle(rulebook, entry.id),
        reserved: kinds.length === 0,
        who_may_decide: kinds.length ? `The board, or ${mayGoTo(kinds)}` : 'Reserved to the board',
        held_from_nhse: held ? rulebook.entries.get(held)?.title : undefined,
        in_force: current !== undefined,
      };
    });
}
