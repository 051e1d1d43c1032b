import { type AgeRates, bandOf, englandEmergencyRates, englandOutpatientRates } from './activity-rates.ts';
import { settings } from './model.ts';
import type { Random } from './random.ts';
import { firstDayOfMonth, monthOfDay } from './synth-calendar.ts';
import {
  costAgeFactor,
  deprivationUplift,
  eventRate,
  multimorbidityUplift,
  unitCostPence,
} from './synth-model.ts';
import type { People } from './synth-people.ts';
import type { PersonFacts } from './synth-records.ts';
import type { Area, SynthReference } from './synth-reference.ts';
import type { SynthSink } from './synth-sink.ts';

/**
 * Two years of activity before the extract date. Each event happens at the person's age on its
 * day (an infant's only after birth), at synth-model.ts's rate for that age and setting, raised
 * by long-term conditions and deprivation, and tripled in the last years of those who die.
 * Emergency admissions and outpatient attendances are calibrated to England's rates by age band
 * (activity-rates.ts): the rate of each band is set so that, over everyone's time in that band in
 * the two years, the events expected with all those uplifts equal England's rate × that time. The
 * uplifts still decide who within a band has the events, and an ICB's total is England's rates
 * applied to its own ages.
 */
const maxAge = 128;
const gp = settings.indexOf('gp');

/** A setting calibrated to England's rates by age band, with each age's band looked up once. */
class Calibrated {
  readonly setting: number;
  readonly bandOfAge: Int32Array;
  /** Days lived in each band in the window, plain and weighted by each person's uplift. */
  readonly time: Float64Array;
  readonly upliftedTime: Float64Array;

  constructor(
    setting: (typeof settings)[number],
    readonly rates: AgeRates,
  ) {
    this.setting = settings.indexOf(setting);
    this.bandOfAge = Int32Array.from({ length: maxAge }, (_, age) => bandOf(rates, age));
    this.time = new Float64Array(rates.starts.length);
    this.upliftedTime = new Float64Array(rates.starts.length);
  }
}

/** A person's time in the activity window, cut at birthdays: up to three spans of one age each. */
class Spans {
  readonly start = new Int32Array(4);
  readonly stop = new Int32Array(4);
  readonly age = new Int32Array(4);
  count = 0;
  private readonly fromMonth: number;

  constructor(private readonly from: number) {
    this.fromMonth = monthOfDay(from);
  }

  cut(born: number, end: number): void {
    this.count = 0;
    const birth = firstDayOfMonth(born);
    let start = Math.max(this.from, birth);
    if (end <= start) return;
    let age = birth >= this.from ? 0 : Math.floor((this.fromMonth - born) / 12);
    for (;;) {
      const birthday = firstDayOfMonth(born + 12 * (age + 1));
      const n = this.count++;
      this.start[n] = start;
      this.stop[n] = Math.min(birthday, end);
      this.age[n] = Math.min(age, maxAge - 1);
      if (birthday >= end) return;
      start = birthday;
      age++;
    }
  }
}

/** The rates, uplifts and costs of synth-model.ts as tables by setting and age. */
class Rates {
  readonly perDay = new Float64Array(settings.length * maxAge);
  readonly cost = new Float64Array(settings.length * maxAge);

  constructor() {
    settings.forEach((setting, s) => {
      for (let age = 0; age < maxAge; age++) {
        this.perDay[s * maxAge + age] = eventRate(setting, age) / 365.25;
        this.cost[s * maxAge + age] = unitCostPence[setting] * costAgeFactor(setting, age);
      }
    });
  }

  private readonly perCondition = Float64Array.from(settings, (s) => multimorbidityUplift[s]);
  private readonly perDecile = Float64Array.from(settings, (s) => deprivationUplift[s]);

  /** How much more than the base rate this person has events in setting `s`. */
  uplift(s: number, ltc: number, decile: number, died: boolean, palliative: boolean): number {
    return (
      (1 + (this.perCondition[s] as number) * ltc) *
      (1 + (this.perDecile[s] as number) * (5.5 - decile)) *
      (died && s !== gp ? 3 * (palliative ? 2 : 1) : 1)
    );
  }

  /** Sets a setting's rates by age so the population's events match England's by band. */
  calibrate(c: Calibrated): void {
    for (let age = 0; age < maxAge; age++) {
      const band = c.bandOfAge[age] as number;
      const rate = c.rates.perYear[band] as number;
      const up = c.upliftedTime[band] as number;
      const lift = up > 0 ? (c.time[band] as number) / up : 1;
      this.perDay[c.setting * maxAge + age] = (rate * lift) / 365.25;
    }
  }
}

export function writeEvents(
  ref: SynthReference,
  people: People,
  facts: PersonFacts,
  rng: Random,
  window: { from: number; to: number },
  sink: SynthSink,
): void {
  const rates = new Rates();
  const spans = new Spans(window.from);
  const decile = (i: number) => (ref.areas[people.area[i] as number] as Area).decile;
  const ends = (i: number) => (people.deathDay[i] as number) || window.to;

  const calibrated = [
    new Calibrated('emergency', englandEmergencyRates),
    new Calibrated('outpatient', englandOutpatientRates),
  ];
  for (let i = 0; i < people.count; i++) {
    spans.cut(facts.born[i] as number, ends(i));
    if (spans.count === 0) continue;
    const died = (people.deathDay[i] as number) > 0;
    for (let j = 0; j < calibrated.length; j++) {
      const c = calibrated[j] as Calibrated;
      const lift = rates.uplift(
        c.setting,
        facts.ltc[i] as number,
        decile(i),
        died,
        facts.palliative[i] === 1,
      );
      for (let k = 0; k < spans.count; k++) {
        const band = c.bandOfAge[spans.age[k] as number] as number;
        const days = (spans.stop[k] as number) - (spans.start[k] as number);
        c.time[band] = (c.time[band] as number) + days;
        c.upliftedTime[band] = (c.upliftedTime[band] as number) + days * lift;
      }
    }
  }
  for (const c of calibrated) rates.calibrate(c);

  const weight = new Float64Array(4);
  for (let i = 0; i < people.count; i++) {
    spans.cut(facts.born[i] as number, ends(i));
    if (spans.count === 0) continue;
    const died = (people.deathDay[i] as number) > 0;
    for (let s = 0; s < settings.length; s++) {
      if (s === gp && (people.practice[i] as number) < 0) continue;
      let total = 0;
      for (let k = 0; k < spans.count; k++) {
        total +=
          (rates.perDay[s * maxAge + (spans.age[k] as number)] as number) *
          ((spans.stop[k] as number) - (spans.start[k] as number));
        weight[k] = total;
      }
      const lift = rates.uplift(s, facts.ltc[i] as number, decile(i), died, facts.palliative[i] === 1);
      for (let e = rng.poisson(total * lift); e > 0; e--) {
        let k = 0;
        if (spans.count > 1) {
          const at = rng.next() * total;
          while (k < spans.count - 1 && (weight[k] as number) <= at) k++;
        }
        const start = spans.start[k] as number;
        const day = start + rng.int((spans.stop[k] as number) - start);
        const cost = Math.round(
          (rates.cost[s * maxAge + (spans.age[k] as number)] as number) * (0.5 + rng.next()),
        );
        sink.event(i + 1, day, s, cost);
      }
    }
  }
}
