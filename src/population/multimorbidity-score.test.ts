import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cambridgeWeights, readCambridgeWeights } from './cambridge-weights.ts';
import { DuckDbEngine } from './engines/duckdb.ts';
import { ingest } from './ingest.ts';
import { multimorbidityScore, multimorbidityScoreFromRows } from './multimorbidity-score.ts';
import { preparePopulation } from './profile.ts';
import { defaultSuppression, noSuppression } from './suppress.ts';
import { fixtureConditions, fixtureDate, fixtureServed, writeFixture } from './test-fixture.ts';

describe('Cambridge Multimorbidity Score', () => {
  it('ships the 20 general-outcome weights, 15 of them with a QOF register', () => {
    expect(cambridgeWeights).toHaveLength(20);
    expect(cambridgeWeights.filter((w) => w.register)).toHaveLength(15);
    expect(cambridgeWeights.find((w) => w.register === 'DEM')?.hundredths).toBe(250);
    expect(cambridgeWeights.find((w) => w.register === 'CAN')?.withinYears).toBe(5);
  });

  it('carries every general-outcome weight of the 20-condition score as published', () => {
    // Payne et al., CMAJ 2020;192(5):E107–14, general-outcome score of the 20-condition model, as
    // two independent implementations give them (see data/reference/README.md: OpenSAFELY's
    // WinterPressuresDescriptive and Liverpool's IMPACTncd_Engl). A weight mistyped in the CSV, or
    // one taken from the 37-condition model (dementia 2.46, COPD 1.41 …), fails here.
    const published: Record<string, number> = {
      'Alcohol problems': 65,
      'Anxiety or depression': 50,
      'Asthma (currently treated)': 19,
      'Atrial fibrillation': 134,
      'Cancer (new diagnosis in the last five years)': 153,
      'Chronic kidney disease': 53,
      'Chronic obstructive pulmonary disease': 146,
      'Constipation (treated)': 112,
      'Coronary heart disease': 49,
      Dementia: 250,
      Diabetes: 75,
      'Epilepsy (currently treated)': 92,
      'Hearing loss': 9,
      'Heart failure': 118,
      Hypertension: 8,
      'Irritable bowel syndrome': 21,
      'Painful condition': 92,
      'Rheumatoid arthritis and other inflammatory polyarthropathies and connective tissue disorders': 43,
      'Schizophrenia and related psychoses or bipolar disorder': 64,
      'Stroke and transient ischaemic attack': 80,
    };
    expect(Object.fromEntries(cambridgeWeights.map((w) => [w.condition, w.hundredths]))).toEqual(published);
    // Someone with all 20 would score 16.33.
    expect(cambridgeWeights.reduce((t, w) => t + w.hundredths, 0)).toBe(1633);
  });

  it('scores someone on all 15 registers 13.34, the sum of their published weights', async () => {
    // P3, an adult, given every register the score uses (cancer found within the five years):
    // 0.50 + 0.19 + 1.34 + 1.53 + 0.53 + 1.46 + 0.49 + 2.50 + 0.75 + 0.92 + 1.18 + 0.08 + 0.43
    // + 0.64 + 0.80 = 13.34. Registers outside the score (LD, OB, PAD …) add nothing.
    const registers = [
      'DEP',
      'AST',
      'AF',
      'CAN',
      'CKD',
      'COPD',
      'CHD',
      'DEM',
      'DM',
      'EP',
      'HF',
      'HYP',
      'RA',
      'MH',
      'STIA',
    ];
    const dir = writeFixture({
      conditions: [
        'person_id,condition,onset_date',
        ...registers.map((r) => `P3,${r},2024-01-01`),
        'P3,LD,2024-01-01',
        'P3,OB,2024-01-01',
        'P3,PAD,2024-01-01',
      ],
    });
    const engine = await DuckDbEngine.open();
    try {
      await ingest(engine, dir);
      await preparePopulation(engine, fixtureServed, fixtureDate);
      const score = await engine.query("SELECT cms FROM features WHERE person_id = 'P3'");
      expect(score).toEqual([[1334]]);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a weights file with a mistyped register or weight', () => {
    const head = 'condition,weight,qof_register,within_years';
    expect(() => readCambridgeWeights(`${head}\nDementia,2.50,DEMENTIA,\n`)).toThrow(
      /line 2.*not a QOF register/,
    );
    expect(() => readCambridgeWeights(`${head}\nDementia,2.5,DEM,\n`)).toThrow(/two decimal places/);
  });

  it('scores people by hand: dementia and heart failure 3.68, COPD 1.46; old cancer does not count', async () => {
    // The fixture's P1 has dementia (2.50) and heart failure (1.18); P2 COPD (1.46); P3's asthma
    // starts after the date; P5 has none; P4 is an infant, not an adult. Add to P5 a cancer
    // found six years before the date (outside the score's five years) and hypertension (0.08),
    // and to P3 a cancer found two years before (1.53).
    const dir = writeFixture({
      conditions: [...fixtureConditions, 'P5,CAN,2019-07-01', 'P5,HYP,2024-01-01', 'P3,CAN,2023-08-01'],
    });
    const engine = await DuckDbEngine.open();
    try {
      await ingest(engine, dir);
      await preparePopulation(engine, fixtureServed, fixtureDate);
      const scores = await engine.query('SELECT person_id, cms FROM features ORDER BY person_id');
      expect(scores).toEqual([
        ['P1', 368],
        ['P2', 146],
        ['P3', 153],
        ['P4', 0],
        ['P5', 8],
      ]);
      const score = await multimorbidityScore(engine, noSuppression);
      expect(score.adults).toBe(4);
      // (3.68 + 1.46 + 1.53 + 0.08) ÷ 4 = 1.6875, shown to two places.
      expect(score.mean).toBe(1.69);
      expect(score.bands.map((b) => b.persons)).toEqual([0, 1, 2, 0, 1, 0]);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bands adults, works the mean over the published number of adults, and suppresses small bands', () => {
    const rows = [
      [0, 600],
      [8, 250],
      [150, 120],
      [368, 3],
    ];
    const score = multimorbidityScoreFromRows(rows, defaultSuppression);
    expect(score.adults).toBe(975);
    expect(score.bands).toEqual([
      { band: '0', persons: 600, percent: 61.54 },
      { band: 'Above 0, under 1', persons: 250, percent: 25.64 },
      { band: '1 to under 2', persons: 120, percent: 12.31 },
      { band: '2 to under 3', persons: 0, percent: 0 },
      { band: '3 to under 4', persons: null, percent: null },
      { band: '4 or more', persons: 0, percent: 0 },
    ]);
    // (250 × 0.08 + 120 × 1.50 + 3 × 3.68) ÷ 975 people shown.
    expect(score.mean).toBe(Math.round((250 * 8 + 120 * 150 + 3 * 368) / 975) / 100);
    expect(score.missing.map((m) => m.condition)).toContain('Hearing loss');
  });
});
