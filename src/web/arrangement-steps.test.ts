import { describe, expect, it } from 'vitest';
import { Arrangement } from '../law/arrangement.ts';
import {
  checkStep,
  findingsAt,
  findingsOfItem,
  nextStep,
  previousStep,
  stepOf,
  steps,
} from './arrangement-steps.ts';
import type { Finding } from './types.ts';

const finding = (path: string): Finding => ({
  rule: 'r',
  rule_title: 'A rule',
  provenance: { unverified: 'Not compared with anything, for this test.' },
  severity: 'warning',
  message: path,
  path,
  citations: [],
  trace: [],
});

describe('the question pages', () => {
  it('ask about every part of the arrangement the schema has, except the terms kept as they are', () => {
    const asked = steps.flatMap((s) => s.parts);
    const kept = ['payment', 'place_partnership', 'procurement'];
    expect([...asked, ...kept].sort()).toEqual(Object.keys(Arrangement.shape).sort());
  });

  it('go forward to "check your answers" and back to the start', () => {
    expect(nextStep('name')).toBe('commissioners');
    expect(nextStep('term')).toBe(checkStep);
    expect(previousStep('commissioners')).toBe('name');
    expect(previousStep('name')).toBeUndefined();
    expect(previousStep(checkStep)).toBe('term');
  });

  it('place a finding or a field on its page', () => {
    expect(stepOf('funds[0].host')?.slug).toBe('funds');
    expect(stepOf('funding_streams-2-annual_value')?.slug).toBe('funding');
    expect(stepOf('term.exit_arrangements')?.slug).toBe('term');
    expect(stepOf('place_partnership.members')).toBeUndefined();
  });

  it('place each finding beside its field, or on its item when no field shown takes it', () => {
    const found = ['funds[0].host', 'funds[0].services[2]', 'funds[0]', 'funds[1].host', 'funds[10]'].map(
      finding,
    );
    expect(findingsAt(found, 'funds', 0).map((f) => f.path)).toEqual([
      'funds[0].host',
      'funds[0].services[2]',
      'funds[0]',
    ]);
    expect(findingsAt(found, 'funds', 0, 'services').map((f) => f.path)).toEqual(['funds[0].services[2]']);
    expect(findingsOfItem(found, ['host'], 'funds', 0).map((f) => f.path)).toEqual([
      'funds[0].services[2]',
      'funds[0]',
    ]);
  });
});
