import { describe, expect, it } from 'vitest';
import { modelsInForce } from './in-force.ts';

const models = [
  { name: 'undated QUA', icb: 'QUA' },
  { name: 'QUA 2023', icb: 'QUA', effective_from: '2023-04-01' },
  { name: 'QUA 2025', icb: 'QUA', effective_from: '2025-04-01' },
  { name: 'QHL 2022', icb: 'QHL', effective_from: '2022-07-01' },
  { name: 'QUA 2025 revised', icb: 'QUA', effective_from: '2025-04-01' },
];
const names = (on: string) => modelsInForce(models, on, (m) => m).map((m) => m.name);

describe('modelsInForce', () => {
  it('keeps, for each ICB, the model with the latest effective date on or before the date', () => {
    expect(names('2024-01-01')).toEqual(['QUA 2023', 'QHL 2022']);
    expect(names('2023-04-01')).toEqual(['QUA 2023', 'QHL 2022']);
  });

  it('prefers the later of two models dated the same day', () => {
    expect(names('2026-01-01')).toEqual(['QHL 2022', 'QUA 2025 revised']);
  });

  it('falls back to an undated model before any dated one applies, and drops ICBs with none', () => {
    expect(names('2022-01-01')).toEqual(['undated QUA']);
  });
});
