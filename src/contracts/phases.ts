import type { ContractPhase } from '../law/kinds/lifecycle.ts';

/** A contract's phase as a sentence says it: "while the contract is in procurement". */
const phaseWords: Record<ContractPhase, string> = {
  planned: 'planned (nothing advertised)',
  advertised: 'advertised',
  'in-procurement': 'in procurement',
  'preferred-bidder': 'at preferred bidder',
  awarded: 'awarded',
  mobilising: 'mobilising',
  live: 'live',
  'under-notice': 'under notice of termination',
  exit: 'in exit',
  closed: 'closed',
  abandoned: 'abandoned',
};

export function describePhase(phase: ContractPhase): string {
  return phaseWords[phase];
}
