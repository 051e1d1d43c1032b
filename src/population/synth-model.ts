import type { Condition, Setting, Sex } from './model.ts';

/**
 * The assumptions behind the synthetic population, in one place. They are plausible shapes,
 * not estimates: utilisation and cost rise with age, with the number of long-term conditions
 * and with deprivation, as NHS England's allocation formulae and the Health Foundation's
 * multimorbidity work show; unit costs are rounded from the 2023/24 National Cost Collection.
 * Condition prevalence is calibrated to each practice's QOF registers (2020/21), so these
 * shapes only spread a practice's register across its ages.
 */

/** Relative likelihood of a condition by age and sex (scaled per practice to QOF). */
export function conditionShape(code: Condition, age: number, sex: Sex): number {
  const g = (rate: number, centre: number) => Math.exp(rate * (age - centre));
  switch (code) {
    case 'AF':
      return age < 30 ? 0 : g(0.09, 75);
    case 'AST':
      return age < 6 ? 0 : 1;
    case 'CAN':
      return age < 18 ? 0.02 : g(0.06, 70);
    case 'CHD':
      return age < 30 ? 0 : g(0.07, 70) * (sex === 'M' ? 1.6 : 1);
    case 'CKD':
      return age < 18 ? 0 : g(0.08, 75);
    case 'COPD':
      return age < 35 ? 0 : g(0.06, 70);
    case 'DEM':
      return age < 50 ? 0 : g(0.14, 85);
    case 'DEP':
      return age < 18 ? 0 : age < 65 ? 1 : 0.8;
    case 'DM':
      return age < 17 ? 0 : Math.min(g(0.04, 65), 1.5);
    case 'EP':
      return age < 18 ? 0 : 1;
    case 'HF':
      return age < 30 ? 0 : g(0.09, 80);
    case 'HYP':
      return age < 18 ? 0 : Math.min(g(0.06, 65), 2);
    case 'LD':
      return 1;
    case 'MH':
      return age < 18 ? 0 : 1;
    case 'NDH':
      return age < 18 ? 0 : Math.min(g(0.04, 65), 1.5);
    case 'OB':
      return age < 18 ? 0 : 1;
    case 'OST':
      return age < 50 ? 0 : g(0.1, 80) * (sex === 'F' ? 4 : 1);
    case 'PAD':
      return age < 30 ? 0 : g(0.07, 75);
    case 'PC':
      return g(0.1, 85);
    case 'RA':
      return age < 16 ? 0 : Math.min(g(0.03, 65), 1.5) * (sex === 'F' ? 2.5 : 1);
    case 'STIA':
      return age < 30 ? 0 : g(0.08, 75);
  }
}

/** Within a practice, people in more deprived areas are a little more likely to have a condition. */
export function conditionDeprivationFactor(decile: number): number {
  return 1 + 0.06 * (5.5 - decile);
}

/**
 * Annual death rate: a Gompertz curve per sex, set so a population with England's deprivation
 * mix has life expectancy near England's 2021–23 figures (male about 79, female about 83),
 * with a deprivation gradient that gives a slope index of inequality near the published
 * England values (about 9–10 years for men, 7–8 for women), and higher risk with multimorbidity.
 */
export function deathRate(age: number, sex: Sex, decile: number, ltc: number): number {
  const base = age === 0 ? 0.0035 : (sex === 'M' ? 2.6e-5 : 1.75e-5) * Math.exp(0.095 * age);
  const gradient = Math.exp((sex === 'M' ? 0.1 : 0.08) * (5.5 - decile));
  const multimorbidity = 1 + 0.12 * Math.max(0, ltc - 1);
  return Math.min(0.7, base * gradient * multimorbidity);
}

/**
 * Events a year for a person with no long-term condition at deprivation decile 5–6. The shapes for
 * emergency admissions and outpatient attendances are replaced, band by band, by England's rates
 * (synth-events.ts calibrates them to activity-rates.ts).
 */
export function eventRate(setting: Setting, age: number): number {
  switch (setting) {
    case 'gp':
      return 4 * (age < 5 ? 1.4 : age < 15 ? 0.6 : age < 45 ? 0.8 : age < 65 ? 1 : age < 80 ? 1.5 : 2);
    case 'outpatient':
      return 0.9 * Math.min(2.5, 0.5 + age / 50);
    case 'ae':
      return 0.33 * (age < 5 ? 1.1 : age < 15 ? 0.6 : age < 25 ? 1 : age < 65 ? 0.8 : age < 80 ? 1 : 1.6);
    case 'elective':
      return 0.05 * Math.min(3, 0.4 + age / 40);
    case 'emergency':
      return age < 1 ? 0.12 : Math.min(0.6, 0.035 * Math.exp(0.03 * (age - 30)));
    case 'community':
      return 0.4 * Math.min(8, Math.exp(0.05 * (age - 60)));
    case 'social_care':
      return age < 18 ? 0.005 : Math.min(6, 0.03 * Math.exp(0.09 * (age - 70)));
  }
}

/** How much each long-term condition multiplies the event rate, per setting. */
export const multimorbidityUplift: Record<Setting, number> = {
  gp: 0.35,
  outpatient: 0.3,
  ae: 0.2,
  elective: 0.15,
  emergency: 0.45,
  community: 0.35,
  social_care: 0.4,
};

/** Extra rate per decile step towards the most deprived (unplanned care rises most). */
export const deprivationUplift: Record<Setting, number> = {
  gp: 0.03,
  outpatient: 0.01,
  ae: 0.07,
  elective: 0,
  emergency: 0.08,
  community: 0.03,
  social_care: 0.04,
};

/** Average unit cost in pence (National Cost Collection 2023/24, rounded; social care is a week of home care). */
export const unitCostPence: Record<Setting, number> = {
  gp: 4_200,
  outpatient: 16_000,
  ae: 22_000,
  elective: 380_000,
  emergency: 330_000,
  community: 9_000,
  social_care: 45_000,
};

/** Older people's admissions cost more (longer stays). */
export function costAgeFactor(setting: Setting, age: number): number {
  return setting === 'emergency' || setting === 'elective' ? 1 + 0.015 * Math.max(0, age - 50) : 1;
}
