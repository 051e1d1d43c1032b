import { describe, expect, it } from 'vitest';
import {
  ActivityAssignment,
  CommissionerKind,
  Fund,
  FundingSource,
  GpPractice,
  ProviderKind,
} from '../law/arrangement.ts';
import {
  commissionerKindWords,
  contractWords,
  fundingSourceWords,
  fundKindWords,
  integrationWords,
  mechanismWords,
  providerKindWords,
  providerRoleWords,
} from './arrangement-words.ts';

describe('the words for the arrangement schema’s codes', () => {
  it.each([
    ['commissioner kinds', commissionerKindWords, CommissionerKind.options],
    ['provider kinds', providerKindWords, ProviderKind.options],
    ['fund kinds', fundKindWords, Fund.shape.kind.options],
    ['mechanisms', mechanismWords, Fund.shape.mechanism.options],
    ['funding sources', fundingSourceWords, FundingSource.options],
    ['practice contracts', contractWords, GpPractice.shape.contract.options],
    ['integration modes', integrationWords, GpPractice.shape.mode.options],
    ['provider roles', providerRoleWords, ActivityAssignment.shape.provider_role.options],
  ])('word every one of the %s, and nothing else', (_what, words, codes) => {
    expect(Object.keys(words).sort()).toEqual([...codes].sort());
    for (const text of Object.values(words)) expect(text).toMatch(/^[A-Z]/);
  });
});
