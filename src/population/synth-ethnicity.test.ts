import { describe, expect, it } from 'vitest';
import { ethnicGroupOf } from './ethnic-category.ts';
import { readCensusShares, syntheticEthnicity } from './synth-ethnicity.ts';

describe('synthetic ethnicity', () => {
  it('is the same for the same id and seed, and follows the Census 2021 shares for England', () => {
    expect(syntheticEthnicity('QUA-123', 7)).toBe(syntheticEthnicity('QUA-123', 7));
    const n = 40_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const group = ethnicGroupOf(syntheticEthnicity(`P${i}`, 1));
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    // England, Census 2021: White 81.0%, Asian 9.6%, Black 4.2%, Mixed 3.0%, Other 2.2%.
    expect((counts.get('white') ?? 0) / n).toBeCloseTo(0.81, 2);
    expect((counts.get('asian') ?? 0) / n).toBeCloseTo(0.096, 2);
    expect(counts.get('unknown')).toBeUndefined();
    expect(counts.size).toBe(5);
  });

  it('refuses a census table whose group is not an ONS 2021 group, naming the line', () => {
    expect(() => readCensusShares('ons_2021_group,usual_residents\nwhite,10\nnordic,3\n')).toThrow(/line 3/);
  });
});
