import { ContractPhase } from '../law/kinds/lifecycle.ts';
import type { Rulebook } from '../law/rulebook.ts';
import type { ContractState } from './state.ts';

/** The phases in the order a contract passes through them (abandoning one is not a step). */
const order: readonly ContractPhase[] = ContractPhase.options.filter((p) => p !== 'abandoned');

/**
 * The phase changes the machine can make: those the rulebook's transitions name, notice
 * moving a live contract under notice, and a contract ending (expiry or termination).
 */
export function allowedPhaseChanges(rulebook: Rulebook): Set<string> {
  const edges = new Set<string>(['live>under-notice', 'live>exit', 'under-notice>exit', 'mobilising>exit']);
  for (const entry of rulebook.entries.values()) {
    if (entry.kind !== 'lifecycle-transition') continue;
    for (const v of (entry as import('../law/rulebook.ts').RuleEntry<'lifecycle-transition'>).versions) {
      if (v.to_phase) for (const from of v.from_phases) edges.add(`${from}>${v.to_phase}`);
    }
  }
  return edges;
}

/**
 * Everything that would make a contract's state one the rules forbid; empty when it is
 * lawful. Used by the property tests, and a guard any caller can run on a stored state.
 */
export function illegalities(rulebook: Rulebook, s: ContractState): string[] {
  const out: string[] = [];
  const edges = allowedPhaseChanges(rulebook);
  s.phases.forEach((p, i) => {
    const prev = s.phases[i - 1];
    if (!prev) return;
    if (p.from < prev.from) out.push(`phase ${p.phase} starts before ${prev.phase}`);
    if (!edges.has(`${prev.phase}>${p.phase}`)) out.push(`no rule moves ${prev.phase} to ${p.phase}`);
  });
  const reached = (phase: ContractPhase) => s.phases.some((p) => p.phase === phase);
  const past = (phase: ContractPhase) =>
    s.phases.some((p) => order.indexOf(p.phase) >= order.indexOf(phase) && p.phase !== 'abandoned');

  if (past('awarded')) {
    if (!s.awarded_on) out.push('awarded without an award date');
    if (!s.legal_advice_taken) out.push('awarded without legal advice');
    if (s.isap['preferred-bidder']?.outcome !== 'passed')
      out.push('awarded without passing ISAP at preferred bidder');
    if (s.isap['before-procurement']?.outcome !== 'passed')
      out.push('procured without passing ISAP before procurement');
    if (!s.preferred_bidder || (s.awarded_on && s.awarded_on < s.preferred_bidder.standstill_ends)) {
      out.push('awarded during the standstill');
    }
  }
  if (reached('live')) {
    const live = s.phases.find((p) => p.phase === 'live');
    if (s.isap['before-service-start']?.outcome !== 'passed')
      out.push('live without passing ISAP before service start');
    if (live && live.from < s.particulars.start) out.push('live before the service commencement date');
  }
  if (s.phase === 'under-notice' && !s.notice) out.push('under notice with no notice');
  if (s.ended && s.phase !== 'exit' && s.phase !== 'closed') out.push('ended but not in exit');

  for (const sub of Object.values(s.subcontracts)) {
    if (sub.status === 'live' || sub.status === 'awaiting-direct-agreement') {
      if (!sub.approved_on)
        out.push(`subcontract ${sub.id} is ${sub.status} without a commissioner's approval`);
      if (sub.key && !sub.direct_agreement_required)
        out.push(`key subcontract ${sub.id} without a direct agreement requirement`);
    }
    if (sub.status === 'live' && sub.direct_agreement_required && !sub.direct_agreement_on) {
      out.push(`subcontract ${sub.id} is live without its direct agreement`);
    }
  }
  for (const practice of Object.values(s.practices)) {
    practice.periods.forEach((p, i) => {
      const next = practice.periods[i + 1];
      if (s.awarded_on && p.from < s.awarded_on) out.push(`${practice.ods} integrated before award`);
      if (p.to !== undefined && p.to < p.from) out.push(`${practice.ods} leaves before it joins`);
      if (next && (p.to === undefined || next.from < p.to))
        out.push(`${practice.ods} has overlapping periods`);
    });
    const last = practice.periods.at(-1);
    if (s.ended && last && last.to === undefined)
      out.push(`${practice.ods} is still integrated after the contract ended`);
  }
  if (!past('awarded') && Object.keys(s.practices).length) out.push('practices integrated before award');
  return out;
}
