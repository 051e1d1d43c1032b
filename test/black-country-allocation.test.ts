// An independent, spreadsheet-style check of the NHS Black Country ICB (QUA) place
// allocation: its own CSV reading, plain floating-point arithmetic as a spreadsheet would
// do it (SUMIF of weighted populations, share = amount × place ÷ ICB, ROUNDDOWN to the
// penny, spare pence to the largest remainders), and the floor and pace-of-change steps
// written out by hand. It shares no code with src/finance except reading the places file's
// amounts, and must agree with `allocatePlaces` to the penny.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allocatePlaces } from '../src/finance/allocation.ts';
import { readPlacesFile } from '../src/finance/places-file.ts';
import { formatDecimal } from '../src/money/rate.ts';
import { dataFilePath } from '../src/system/data-files.ts';
import { loadWeightedPopulations } from '../src/system/weighted-populations.ts';

const placesFile = 'examples/places/black-country-2025-26.yaml';
const columns: Record<string, string> = {
  'general-and-acute': 'G&A WP',
  community: 'CS WP',
  'mental-health': 'MH WP',
  maternity: 'Mat WP',
  'health-inequalities': 'Health Ineq WP',
  prescribing: 'Prescr WP',
  'core-overall': 'Final WP',
  'primary-medical-care': 'Final PMC WP',
  population: 'Population',
};

function sheet(): Record<string, string>[] {
  const text = gunzipSync(readFileSync(dataFilePath('weightedPopulations2025'))).toString('utf8');
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const cells = (line: string) =>
    [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1] ?? '').slice(0, -1);
  const head = cells(lines[0] as string);
  return lines.slice(1).map((l) => Object.fromEntries(cells(l).map((v, i) => [head[i], v])));
}

const pounds = (s: string) => Math.round(Number(s.replace(/[£,]/g, '')) * 100);

/** Spreadsheet rounding: ROUNDDOWN each share, then one penny each to the largest remainders. */
function largestRemainder(total: number, weights: number[]): number[] {
  const W = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / W);
  const down = exact.map(Math.floor);
  let spare = total - down.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (spare-- <= 0) break;
    down[i] = (down[i] as number) + 1;
  }
  return down;
}

describe('NHS Black Country ICB place allocation 2025/26', () => {
  const rows = sheet().filter((r) => r.ICB === 'QUA');
  const file = parse(readFileSync(placesFile, 'utf8'));
  const placeOf = (r: Record<string, string>) =>
    file.places.find((p: { practices?: string[] }) => p.practices?.includes(r.Practice_Code as string))?.id ??
    file.places.find((p: { local_authorities?: string[] }) => p.local_authorities?.includes(r.LAD as string))
      ?.id;
  const ids: string[] = file.places.map((p: { id: string }) => p.id);
  const sumif = (place: string, column: string) =>
    rows.filter((r) => placeOf(r) === place).reduce((s, r) => s + Number(r[column]), 0);

  const mine = allocatePlaces(
    readPlacesFile(placesFile, 'QUA', '2025/26'),
    loadWeightedPopulations('2025/26'),
  );

  it('puts all 175 practices of the ICB in the four places', () => {
    expect(rows).toHaveLength(175);
    expect(rows.every((r) => ids.includes(placeOf(r)))).toBe(true);
    expect(mine.places.map((p) => p.practices.length)).toEqual(
      ids.map((id) => rows.filter((r) => placeOf(r) === id).length),
    );
  });

  it('agrees on every need index', () => {
    const icbPop = rows.reduce((s, r) => s + Number(r.Population), 0);
    for (const [k, id] of ids.entries()) {
      for (const c of mine.places[k]?.components ?? []) {
        const col = columns[c.basis] as string;
        const icbWp = rows.reduce((s, r) => s + Number(r[col]), 0);
        const index = sumif(id, col) / sumif(id, 'Population') / (icbWp / icbPop);
        expect(Number(formatDecimal(c.need_index, 12))).toBeCloseTo(index, 10);
      }
    }
  });

  it('agrees to the penny on every component, target and allocation', () => {
    const targets = ids.map(() => 0);
    for (const c of file.pot) {
      const col = columns[c.basis] as string;
      const weights = ids.map((id) => sumif(id, col));
      const ring = ids.map((id) =>
        (c.ring_fences ?? [])
          .filter((r: { place: string }) => r.place === id)
          .reduce((s: number, r: { amount: string }) => s + pounds(r.amount), 0),
      );
      const floor = ids.map((id) => (c.floors ?? []).find((f: { place: string }) => f.place === id)?.minimum);
      let amounts: number[] = [];
      const held = new Set<number>();
      for (;;) {
        const pool =
          pounds(c.amount) -
          ids.reduce((s, _, k) => s + (held.has(k) ? pounds(floor[k]) : (ring[k] as number)), 0);
        const open = ids.map((_, k) => k).filter((k) => !held.has(k));
        const split = largestRemainder(
          pool,
          open.map((k) => weights[k] as number),
        );
        amounts = ids.map((_, k) =>
          held.has(k) ? pounds(floor[k]) : (ring[k] as number) + (split[open.indexOf(k)] as number),
        );
        const below = open.filter((k) => floor[k] && (amounts[k] as number) < pounds(floor[k]));
        if (below.length === 0) break;
        for (const k of below) held.add(k);
      }
      ids.forEach((_, k) => {
        targets[k] = (targets[k] as number) + (amounts[k] as number);
        expect(mine.places[k]?.components.find((x) => x.component === c.id)?.amount.amount).toBe(amounts[k]);
      });
    }
    expect(mine.places.map((p) => p.target.amount)).toEqual(targets);

    const pace = 0.25;
    const current = ids.map((id) =>
      pounds(file.current.find((c: { place: string }) => c.place === id).amount),
    );
    const total = file.pot.reduce((s: number, c: { amount: string }) => s + pounds(c.amount), 0);
    const allocation = largestRemainder(
      total,
      current.map((cur, k) => cur + pace * ((targets[k] as number) - cur)),
    );
    expect(mine.places.map((p) => p.allocation.amount)).toEqual(allocation);
    expect(allocation.reduce((a, b) => a + b, 0)).toBe(total);
    expect(mine.places.map((p) => p.distance_from_target?.gap)).toEqual(
      current.map((c, k) => c - (targets[k] as number)),
    );
  });

  it('holds the mental health floor for Wolverhampton', () => {
    const mh = mine.places[3]?.components.find((c) => c.component === 'mental-health');
    expect(mh?.amount.amount).toBe(90_000_000_00);
  });
});
