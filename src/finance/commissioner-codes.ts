import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { InvalidInput } from '../core/errors.ts';
import { parseCsv } from '../csv.ts';
import type { Arrangement } from '../law/arrangement.ts';
import { formatDate, type IsoDate } from '../law/date.ts';

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
  file: string;
  column: string;
}

const lists: readonly CodeList[] = [
  { kind: 'ccg', from: '2020-04-01', to: '2021-03-31', file: 'ccg-stp-2020.csv.gz', column: 'CCG20CDH' },
  {
    kind: 'ccg',
    from: '2021-04-01',
    to: '2022-06-30',
    file: 'nhs-geographies-ccg-era-2021-03.csv.gz',
    column: 'CCG_ODS_CODE',
  },
  {
    kind: 'icb',
    from: '2022-07-01',
    to: '2026-03-31',
    file: 'allocation-weighted-populations-2025-26.csv.gz',
    column: 'ICB',
  },
  {
    kind: 'icb',
    from: '2026-04-01',
    to: '9999-12-31',
    file: 'gp-practice-map-2026-08.csv.gz',
    column: 'ICB_CODE',
  },
];
export const firstCheckedDay = '2020-04-01';

const dataDir = fileURLToPath(new URL('../../data/nhs/', import.meta.url));
const cache = new Map<string, Set<string>>();

function codesIn(list: CodeList, dir: string): Set<string> {
  const key = dir + list.file;
  let codes = cache.get(key);
  if (!codes) {
    const rows = parseCsv(gunzipSync(readFileSync(key)).toString('utf8'));
    const i = (rows[0] ?? []).indexOf(list.column);
    if (i < 0) throw new Error(`${list.file}: no column '${list.column}'`);
    codes = new Set(rows.slice(1).map((r) => r[i] ?? ''));
    cache.set(key, codes);
  }
  return codes;
}

/**
 * Refuses a CCG or ICB commissioner whose ODS code did not exist as that kind of body on
 * the day (a wrong code would put money under a body that was not there). Returns notes for
 * codes that could not be checked.
 */
export function checkCommissionerCodes(a: Arrangement, on: IsoDate, dir = dataDir): string[] {
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
        `Check it against the NHS organisation data service (${list.file} in data/nhs lists the ${kind}s of ${formatDate(list.from)}).`,
      );
  });
  return notes;
}
