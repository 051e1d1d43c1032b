import { cumulative, type Random } from './random.ts';
import { calibratedPull, decileShares, fitDecileFactors } from './synth-deprivation.ts';
import { deathRate } from './synth-model.ts';
import type { Area, SynthReference } from './synth-reference.ts';

/**
 * The people of a synthetic ICB, one typed array per attribute (index = serial − 1), in the
 * order they are written: those registered on the extract date, those who died in the years
 * before it, then about 1% more living in the area with no GP.
 */
export interface People {
  count: number;
  registered: number;
  /** Index of the first unregistered resident; those from `registered` up to it died. */
  unregisteredFrom: number;
  /** Age in completed years on the extract date, or at death. */
  age: Uint8Array;
  female: Uint8Array;
  /** Index into the reference's practices; −1 for an unregistered resident. */
  practice: Int32Array;
  /** Index into the reference's areas (LSOAs). */
  area: Int32Array;
  /** Day of death (days since 1970), 0 for the living. */
  deathDay: Int32Array;
}

export function generatePeople(
  ref: SynthReference,
  rng: Random,
  scale: number,
  extractDay: number,
  deathsFromDay: number,
): People {
  const counts = ref.cells.map((c) => rng.round(c.count * scale));
  const registered = counts.reduce((a, b) => a + b, 0);
  const age = new Uint8Array(registered);
  const female = new Uint8Array(registered);
  const practice = new Int32Array(registered);

  // 1. People registered on the extract date, by PCN, sex and age, spread by list size.
  const pcns = new Map<string, { members: number[]; pick: Float64Array }>();
  ref.practices.forEach((p, i) => {
    const entry = pcns.get(p.pcn) ?? { members: [], pick: new Float64Array() };
    entry.members.push(i);
    pcns.set(p.pcn, entry);
  });
  for (const entry of pcns.values()) {
    entry.pick = cumulative(entry.members.map((i) => ref.practices[i]?.listSize ?? 1));
  }
  let n = 0;
  ref.cells.forEach((cell, c) => {
    const { members, pick } = pcns.get(cell.pcn) as { members: number[]; pick: Float64Array };
    for (let k = counts[c] as number; k > 0; k--, n++) {
      practice[n] = members[rng.pick(pick)] as number;
      age[n] = cell.age === 95 ? 95 + Math.min(12, rng.poisson(2.5)) : cell.age;
      female[n] = cell.sex === 'F' ? 1 : 0;
    }
  });

  // 2. Where they live, the decile mix fitted to the ICB's (synth-deprivation.ts).
  const area = new Int32Array(registered);
  const perPractice = new Float64Array(ref.practices.length);
  for (let i = 0; i < registered; i++) {
    const p = practice[i] as number;
    perPractice[p] = (perPractice[p] as number) + 1;
  }
  const decileOf = (a: number) => (ref.areas[a] as Area).decile;
  const practiceAreas = ref.practices.map((p, i) => ({
    deciles: Int32Array.from(p.areas, decileOf),
    pull: p.pull,
    people: perPractice[i] as number,
  }));
  const factors = fitDecileFactors(practiceAreas, decileShares(Array.from(ref.icbAreas, decileOf)));
  const pickArea = practiceAreas.map((p) => cumulative(Array.from(calibratedPull(p, factors))));
  for (let i = 0; i < registered; i++) {
    const p = practice[i] as number;
    area[i] = ref.practices[p]?.areas[rng.pick(pickArea[p] as Float64Array)] as number;
  }

  // 3. People who died in the years before the extract (so life tables have deaths): each
  // registered person stands for others of their age, sex, practice and area, some of whom died.
  const years = (extractDay - deathsFromDay) / 365.25;
  const deaths = new Uint8Array(registered);
  let deceased = 0;
  for (let i = 0; i < registered; i++) {
    const d = rng.poisson(
      deathRate(age[i] as number, female[i] ? 'F' : 'M', decileOf(area[i] as number), 1) * years,
    );
    deaths[i] = d;
    deceased += d;
  }
  const unregistered = rng.round(registered * 0.01);
  const count = registered + deceased + unregistered;
  const people: People = {
    count,
    registered,
    unregisteredFrom: registered + deceased,
    age: grow(age, count),
    female: grow(female, count),
    practice: grow(practice, count),
    area: grow(area, count),
    deathDay: new Int32Array(count),
  };
  let next = registered;
  const window = Math.floor(years * 365.25);
  for (let i = 0; i < registered; i++) {
    for (let d = deaths[i] as number; d > 0; d--, next++) {
      const daysBefore = 1 + rng.int(window - 1);
      const ageAtDeath = Math.max(0, (age[i] as number) - Math.floor(daysBefore / 365.25));
      people.age[next] = ageAtDeath + Math.ceil(daysBefore / 365.25);
      people.female[next] = female[i] as number;
      people.practice[next] = practice[i] as number;
      people.area[next] = area[i] as number;
      people.deathDay[next] = extractDay - daysBefore;
    }
  }

  // 4. Unregistered residents: working-age, more often men, anywhere in the ICB's own area.
  for (; next < count; next++) {
    people.age[next] = 16 + rng.int(50);
    people.female[next] = rng.next() < 0.6 ? 0 : 1;
    people.practice[next] = -1;
    people.area[next] = ref.icbAreas[rng.int(ref.icbAreas.length)] as number;
  }
  return people;
}

function grow<T extends Uint8Array | Int32Array>(array: T, length: number): T {
  const out = new (array.constructor as new (n: number) => T)(length);
  out.set(array);
  return out;
}
