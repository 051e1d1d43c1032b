import { oglAttribution } from '../../core/open-government-licence.ts';
import type { AllocationReport, BudgetReport } from '../../finance/report.ts';
import type { Trace } from '../../finance/trace.ts';
import { formatDate } from '../../law/date.ts';

const pad = (s: string, n: number) => s.padStart(n);

/** A trace as an indented tree: each figure, its rule, inputs, parameters with dates and sources. */
export function describeTrace(t: Trace, depth = 0): string[] {
  const ind = '  '.repeat(depth + 2);
  const lines = [`${ind}${t.what}`, `${ind}  rule: ${t.rule}`];
  for (const [k, v] of Object.entries(t.inputs)) lines.push(`${ind}  ${k}: ${v}`);
  for (const p of t.parameters) {
    lines.push(
      `${ind}  parameter ${p.id} = ${p.value} ${p.unit} (from ${formatDate(p.from)}${p.to ? ` to ${formatDate(p.to)}` : ''})`,
    );
    for (const c of p.citations) lines.push(`${ind}    source: ${c}`);
  }
  for (const part of t.parts) lines.push(...describeTrace(part, depth + 1));
  return lines;
}

export function describeBudget(r: BudgetReport, explain: boolean): string {
  const out: string[] = [];
  const b = r.budget;
  out.push(
    `${r.arrangement}`,
    `Term ${formatDate(r.term.start)} to ${formatDate(r.term.end)}`,
    '',
    'Integrated budget',
  );
  for (const l of b.lines)
    out.push(
      `  ${l.id.padEnd(24)} ${l.source.padEnd(26)} ${l.class.padEnd(8)} ${pad(l.value.pounds, 18)}  ${l.reason}`,
    );
  out.push(
    `  Pooled ${pad(b.pooled.pounds, 70)}`,
    `  Aligned ${pad(b.aligned.pounds, 69)}`,
    `  Outside the contract ${pad(b.outside.pounds, 56)}`,
    `  ICP in-scope baseline ${pad(b.icp_total.pounds, 55)}`,
    `  CQUIN-eligible value ${pad(b.cquin_eligible.pounds, 56)}`,
  );
  if (explain)
    out.push(...describeTrace(b.icp_total.trace as Trace), ...describeTrace(b.cquin_eligible.trace as Trace));
  for (const y of r.years) {
    out.push('', `${y.year} (${formatDate(y.from)} to ${formatDate(y.to)}, ${y.days} days)`);
    out.push(
      `  In-scope value ${pad(y.in_scope.pounds, 20)}`,
      `  CQUIN at risk ${pad(y.cquin_at_risk.pounds, 21)}`,
      `  Local indicators at risk ${pad(y.local_at_risk.pounds, 10)}`,
      `  Activity-paid lines ${pad(y.activity_paid.pounds, 15)}`,
      `  WPAP ${pad(y.wpap.pounds, 30)}`,
      `  Incentives earned ${pad(y.incentives_earned.pounds, 17)}`,
      `  Money at risk ${pad(y.money_at_risk.total.pounds, 21)}${assuranceFlag(y.money_at_risk)}`,
    );
    if (y.money_at_risk.national_assurance_needed) out.push(`    ${y.money_at_risk.reason}`);
    if (y.flow_through) {
      out.push(`  Flow-through to GP practices ${pad(y.flow_through.pounds, 6)}`);
      for (const p of y.flow_through.practices) out.push(`    ${p.what} (list ${p.list_size})`);
    }
    if (y.risk_share) {
      out.push(
        `  Risk share: provider ${y.risk_share.provider.pounds} (${y.risk_share.provider_share_of_budget} of WPAP), commissioners ${y.risk_share.commissioners.pounds}`,
      );
      if (explain)
        for (const f of [y.risk_share.provider, y.risk_share.commissioners])
          if (f.trace) out.push(...describeTrace(f.trace));
    }
    out.push('  Monthly instalments');
    for (const i of y.instalments) {
      out.push(`    ${i.month.padEnd(16)} ${pad(i.pounds, 18)}`);
      if (explain && i.trace) out.push(...describeTrace(i.trace, 1));
    }
    if (explain) out.push(...describeTrace(y.wpap.trace as Trace));
  }
  if (r.qof) {
    out.push('', `QOF ${r.qof.year} (fully integrated practices): ${r.qof.total.pounds}`);
    for (const p of r.qof.practices) {
      out.push(`  ${p.ods} list ${p.list_size}: ${p.points} points, ${p.payment.pounds}`);
      if (explain) for (const x of p.indicators) out.push(...describeTrace(x.trace));
    }
  }
  for (const n of r.notes) out.push('', `Note: ${n}`);
  return out.join('\n');
}

export function describeAllocation(r: AllocationReport, explain: boolean): string {
  const out = [
    `${r.icb_name} (${r.icb}) place allocation ${r.year}`,
    `Single pot ${r.total.pounds}; registered population ${people(r.population)}`,
    `Method: ${r.method_description}`,
    '',
  ];
  for (const p of r.places) {
    out.push(
      `${p.name} (${p.practice_count} practices, population ${people(p.population)}, need index ${p.need_index.decimal})`,
    );
    for (const c of p.components)
      out.push(`  ${c.component.padEnd(20)} index ${c.need_index.decimal} ${pad(c.pounds, 20)}`);
    out.push(`  Target ${pad(p.target.pounds, 45)}`);
    if (p.current && p.distance_from_target) {
      out.push(
        `  Current ${pad(p.current.pounds, 44)}`,
        `  Distance from target ${p.distance_from_target.gap.pounds} (${p.distance_from_target.percent})`,
      );
    }
    out.push(`  Allocation ${pad(p.allocation.pounds, 41)}`);
    if (explain) for (const c of p.components) if (c.trace) out.push(...describeTrace(c.trace));
    if (explain && p.allocation.trace) out.push(...describeTrace(p.allocation.trace));
    out.push('');
  }
  out.push(oglAttribution);
  return out.join('\n');
}

/** Flags money at risk beyond the national schemes: assured, or still needing assurance. */
function assuranceFlag(r: { national_assurance_needed: boolean; national_assurance_given: boolean }): string {
  if (!r.national_assurance_needed) return '';
  return r.national_assurance_given ? '  (nationally assured)' : '  NATIONAL ASSURANCE NEEDED';
}

/** A population (a decimal string, weighted populations have fractions) with thousands separators. */
function people(decimal: string): string {
  const [whole = '', fraction] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}
