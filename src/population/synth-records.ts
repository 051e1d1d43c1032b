import { conditionCodes, conditions } from './model.ts';
import type { Random } from './random.ts';
import { firstDayOfMonth, monthOfDay } from './synth-calendar.ts';
import { conditionDeprivationFactor, conditionShape } from './synth-model.ts';
import type { People } from './synth-people.ts';
import type { Area, SynthReference } from './synth-reference.ts';
import type { SynthSink } from './synth-sink.ts';

/** What the events need to know of each person once their record and conditions are written. */
export interface PersonFacts {
  /** Month of birth as year × 12 + month − 1. */
  born: Int32Array;
  /** Long-term conditions by the extract date (or death). */
  ltc: Uint8Array;
  /** On the palliative care register. */
  palliative: Uint8Array;
}

const maxAge = 128;
const codes = conditionCodes;
const palliativeCode = codes.indexOf('PC');

/**
 * Condition prevalence, calibrated per practice to its QOF registers: a condition's chance for a
 * person is the practice's register ÷ list size, spread across its people by the documented
 * shape by age and sex (synth-model.ts) and a little towards the more deprived. The practice
 * factor is register rate × eligible people ÷ Σ shape over them; unregistered residents take
 * the mean of the practices' factors.
 */
class ConditionChances {
  /** conditionShape by condition, sex (0 = M, 1 = F) and age. */
  private readonly shape = new Float64Array(codes.length * 2 * maxAge);
  readonly factor: Float64Array;
  readonly minAge: Int32Array;
  readonly icbFactor = new Float64Array(codes.length);

  constructor(ref: SynthReference, people: People) {
    codes.forEach((code, c) => {
      for (let female = 0; female < 2; female++) {
        for (let age = 0; age < maxAge; age++) {
          this.shape[(c * 2 + female) * maxAge + age] = conditionShape(code, age, female ? 'F' : 'M');
        }
      }
    });
    const practices = ref.practices.length;
    this.factor = new Float64Array(practices * codes.length);
    // −1: the practice keeps no register for the condition (chance 0).
    this.minAge = new Int32Array(practices * codes.length).fill(-1);
    ref.practices.forEach((p, i) => {
      codes.forEach((code, c) => {
        const prev = p.prevalence.get(code);
        if (prev) this.minAge[i * codes.length + c] = prev.minAge;
      });
    });
    const shapeSum = new Float64Array(practices * codes.length);
    const eligible = new Float64Array(practices * codes.length);
    for (let i = 0; i < people.registered; i++) {
      const p = people.practice[i] as number;
      const dep = conditionDeprivationFactor((ref.areas[people.area[i] as number] as Area).decile);
      for (let c = 0; c < codes.length; c++) {
        const at = p * codes.length + c;
        const min = this.minAge[at] as number;
        if (min < 0) continue;
        if ((people.age[i] as number) >= min) eligible[at] = (eligible[at] as number) + 1;
        shapeSum[at] =
          (shapeSum[at] as number) +
          this.shapeOf(c, people.female[i] as number, people.age[i] as number) * dep;
      }
    }
    ref.practices.forEach((p, i) => {
      codes.forEach((code, c) => {
        const at = i * codes.length + c;
        const rate = p.prevalence.get(code)?.rate ?? 0;
        this.factor[at] =
          (shapeSum[at] as number) > 0 ? (rate * (eligible[at] as number)) / (shapeSum[at] as number) : 0;
      });
    });
    codes.forEach((_, c) => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < practices; i++) {
        const k = this.factor[i * codes.length + c] as number;
        if (k > 0) {
          sum += k;
          n++;
        }
      }
      this.icbFactor[c] = n ? sum / n : 0;
    });
  }

  shapeOf(c: number, female: number, age: number): number {
    return this.shape[(c * 2 + female) * maxAge + Math.min(age, maxAge - 1)] as number;
  }
}

/**
 * Writes each person's row and conditions (onset up to 25 years before the extract or death).
 * Registration starts at birth or up to 20 years before; it ends only at death.
 */
export function writePersonsAndConditions(
  ref: SynthReference,
  people: People,
  rng: Random,
  extractDay: number,
  sink: SynthSink,
  /** The index of the ethnic category of the person with this serial (SynthLabels.ethnicities). */
  ethnicity: (serial: number, area: number) => number,
): PersonFacts {
  const chances = new ConditionChances(ref, people);
  const facts: PersonFacts = {
    born: new Int32Array(people.count),
    ltc: new Uint8Array(people.count),
    palliative: new Uint8Array(people.count),
  };
  const extractMonth = monthOfDay(extractDay);
  const isLtc = codes.map((c) => conditions[c].ltc);
  for (let i = 0; i < people.count; i++) {
    const age = people.age[i] as number;
    const female = people.female[i] as number;
    const p = people.practice[i] as number;
    const a = people.area[i] as number;
    const area = ref.areas[a] as Area;
    const deathDay = people.deathDay[i] as number;
    const born = (deathDay ? monthOfDay(deathDay) : extractMonth) - 12 * age - rng.int(12);
    facts.born[i] = born;
    const birthDay = firstDayOfMonth(born);
    const end = deathDay || extractDay;
    const serial = i + 1;
    const from = p >= 0 ? Math.max(birthDay, end - 1 - rng.int(20 * 365)) : 0;
    sink.person(
      serial,
      Math.floor(born / 12),
      (born % 12) + 1,
      female,
      p,
      from,
      p >= 0 ? deathDay : 0,
      a,
      area.decile,
      deathDay,
      ethnicity(serial, a),
    );

    const dep = conditionDeprivationFactor(area.decile) * (deathDay ? 1.6 : 1);
    let ltc = 0;
    for (let c = 0; c < codes.length; c++) {
      let k: number;
      if (p >= 0) {
        const min = chances.minAge[p * codes.length + c] as number;
        if (min < 0 || age < min) continue;
        k = chances.factor[p * codes.length + c] as number;
      } else k = chances.icbFactor[c] as number;
      const chance = Math.min(0.9, k * chances.shapeOf(c, female, age) * dep);
      if (chance <= 0 || rng.next() >= chance) continue;
      const onset = Math.max(birthDay, end - 1 - rng.int(Math.min(25, age + 1) * 365));
      sink.condition(serial, c, onset);
      if (isLtc[c]) ltc++;
      if (c === palliativeCode) facts.palliative[i] = 1;
    }
    facts.ltc[i] = ltc;
  }
  return facts;
}
