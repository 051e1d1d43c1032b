import { formatDate } from '../../law/date.ts';
import type { Cited, PoolingPlan } from '../../law/pooling.ts';

const mechanismWords: Record<string, string> = {
  's75-pooled-fund': 'a section 75 pooled fund',
  's14z3a-pooled-fund': 'a pooled fund between CCGs (s14Z3A)',
  's65z6-pooled-fund': 'a pooled fund for a joint arrangement (s65Z6)',
  'aligned-budgets': 'aligned budgets',
  'parallel-budgets': 'parallel budgets',
  'joint-exercise': 'joint exercise of functions',
};

function cited(lines: string[], heading: string, items: (Cited & { service?: string })[]): void {
  if (!items.length) return;
  lines.push('', heading);
  for (const item of items) {
    lines.push(`  - ${item.service ? `${item.service}: ` : ''}${item.message}  [${item.rule}]`);
    for (const c of item.citations) lines.push(`      Source: ${c.text}`);
  }
}

/** A pooling plan as a commissioner reads it: the verdict, how the money is held, then why. */
export function describePlan(plan: PoolingPlan): string {
  const lines = [
    `Services: ${plan.services.join(', ')}`,
    `Commissioners: ${plan.commissioners.join(', ')}  (on ${formatDate(plan.on)})`,
  ];
  if (!plan.feasible) {
    lines.push('', 'Not possible: these commissioners cannot commission all of these services.');
  } else {
    const how = plan.mechanisms.map((m) => mechanismWords[m] ?? m).join(', with ');
    lines.push('', `Possible, using ${how || 'no pooling'}.`);
    lines.push(`Parties required: ${plan.parties_required.map((p) => p.kind).join(', ')}.`);
    for (const f of plan.funds) {
      lines.push(
        `  ${f.kind === 'pooled' ? 'POOLED ' : 'ALIGNED'}  ${f.label}: ${f.services.join(', ')} (${f.parties.join(', ')})`,
      );
    }
  }
  cited(lines, 'Why not:', plan.problems);
  cited(lines, 'Conditions:', plan.conditions);
  cited(lines, 'Ring-fenced (kept in aligned budgets):', plan.ring_fenced);
  cited(lines, 'Excluded from s75:', plan.excluded);
  cited(lines, 'Outside the integrated budget:', plan.outside);
  cited(lines, 'Notes:', plan.notes);
  if (plan.annex_b) {
    const a = plan.annex_b;
    lines.push(
      '',
      `Annex B, care model ${a.care_model} (${a.configuration}): ${a.whole_model}.  [${a.rule}]`,
      `  ${a.summary}`,
    );
    if (!a.agrees)
      lines.push('  The general rules give a different answer from this cell; take legal advice.');
    for (const c of a.citations) lines.push(`  Source: ${c.text}`);
  }
  return lines.join('\n');
}
