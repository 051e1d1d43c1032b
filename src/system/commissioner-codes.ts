import { InvalidInput } from '../core/errors.ts';
import type { Arrangement } from '../law/arrangement.ts';
import { formatDate, type IsoDate } from '../law/date.ts';
import { type DataFile, dataFilePath, dataFiles, nhsDataDir } from './data-files.ts';
import { readTable } from './gzip-csv.ts';

/**
 * Which CCG and ICB codes existed on a date, from the NHS reference files in data/nhs (see
 * its README): CCGs of April 2020 (135) and of April 2021 to 30 June 2022 (106), the 42 ICBs
 * of 1 July 2022 to 31 March 2026 (2025/26 allocation file) and the 36 from 1 April 2026
 * (August 2026 practice map). Before 1 April 2020 there is no list here, so a code is left
 * unchecked and the report says so.
 */
interface CodeList {
  kind: 'ccg' | 'icb';
  from: IsoDate;
  to: IsoDate;
  file: DataFile;
  column: string;
}

const lists: readonly CodeList[] = [
  { kind: 'ccg', from: '2020-04-01', to: '2021-03-31', file: 'ccgs2020', column: 'CCG20CDH' },
  { kind: 'ccg', from: '2021-04-01', to: '2022-06-30', file: 'ccgEra', column: 'CCG_ODS_CODE' },
  { kind: 'icb', from: '2022-07-01', to: '2026-03-31', file: 'weightedPopulations2025', column: 'ICB' },
  { kind: 'icb', from: '2026-04-01', to: '9999-12-31', file: 'practiceMap', column: 'ICB_CODE' },
];
export const firstCheckedDay = '2020-04-01';

const cache = new Map<string, Set<string>>();

function codesIn(list: CodeList, dir: string): Set<string> {
  const key = `${dir}|${list.file}`;
  let codes = cache.get(key);
  if (!codes) {
    codes = new Set(readTable(dataFilePath(list.file, dir), [list.column]).map((r) => r[list.column] ?? ''));
    cache.set(key, codes);
  }
  return codes;
}

/**
 * Refuses a CCG or ICB commissioner whose ODS code did not exist as that kind of body on
 * the day (a wrong code would put money under a body that was not there). Returns notes for
 * codes that could not be checked.
 */
export function checkCommissionerCodes(a: Arrangement, on: IsoDate, dir = nhsDataDir): string[] {
  const notes: string[] = [];
  a.commissioners.forEach((c, i) => {
    if (c.ods === undefined || (c.kind !== 'ccg' && c.kind !== 'icb')) return;
    const field = `commissioners[${i}].ods`;
    if (on < firstCheckedDay) {
      notes.push(
        `${c.name}'s ODS code ${c.ods} was not checked: the NHS lists held here start on ${formatDate(firstCheckedDay)}.`,
      );
      return;
    }
    const list = lists.find((l) => l.kind === c.kind && l.from <= on && on <= l.to);
    const kind = c.kind === 'ccg' ? 'CCG' : 'ICB';
    if (!list)
      throw new InvalidInput(
        `commissioners[${i}].kind`,
        `there were no ${kind}s on ${formatDate(on)}`,
        c.kind === 'ccg' ? 'CCGs ended on 30 June 2022.' : 'ICBs began on 1 July 2022.',
      );
    if (!codesIn(list, dir).has(c.ods))
      throw new InvalidInput(
        field,
        `${c.ods} is not the code of any ${kind} on ${formatDate(on)}`,
        `Check it against the NHS organisation data service (${dataFiles[list.file]} in data/nhs lists the ${kind}s of ${formatDate(list.from)}).`,
      );
  });
  return notes;
}
