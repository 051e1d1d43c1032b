import type { Obligation } from '../../contracts/calendar.ts';
import { describePhase } from '../../contracts/phases.ts';
import type { ContractReport } from '../../contracts/replay.ts';
import type { Refusal, TimelineEntry } from '../../contracts/state.ts';
import { formatPounds } from '../../core/money.ts';
import { describeProvenance } from '../../core/provenance.ts';
import { formatDate } from '../../law/date.ts';

const count = (n: number) => n.toLocaleString('en-GB');

const statusLabel: Record<Obligation['status'], string> = {
  overdue: 'OVERDUE ',
  due: 'due     ',
  met: 'met     ',
  'met-late': 'met late',
  upcoming: 'later   ',
};

/** A contract as a commissioner reads it: where it stands, who it serves, what is due, what was refused. */
export function describeContract(r: ContractReport): string {
  const s = r.state;
  const p = s.particulars;
  const since = s.phases.at(-1);
  const lines = [
    `${r.contract} on ${formatDate(r.on)}`,
    `Phase: ${describePhase(s.phase)}${since && since.from !== '0001-01-01' ? ` since ${formatDate(since.from)} [${since.rule}]` : ''}`,
    `Provider: ${p.provider.name} (${p.provider.statutory_body ? 'a statutory body' : 'not a statutory body'})`,
    `Term: ${formatDate(p.start)} to ${formatDate(p.end)}${s.ended ? `; ended ${formatDate(s.ended.on)} by ${s.ended.how}` : ''}`,
  ];
  if (s.procurement) {
    lines.push(
      `Procurement: ${s.procurement.route}, started ${formatDate(s.procurement.started)} [${s.procurement.regime_rule}]`,
    );
  }
  if (s.notice) {
    lines.push(
      `Notice: given by the ${s.notice.by === 'provider' ? 'ICP' : 'commissioners'} on ${formatDate(s.notice.given_on)}, ending the contract from ${formatDate(s.notice.effective)}`,
    );
  }
  for (const f of s.flags) lines.push(`FLAG  ${f.message} [${f.rule}]`);

  lines.push('', 'Services in scope');
  for (const svc of p.services) {
    const st = s.services[svc.id];
    const commissioner = p.commissioners.find((c) => c.id === svc.commissioner)?.name ?? svc.commissioner;
    lines.push(
      `  ${svc.name} (${svc.kind}, ${commissioner}): ${st ? `${st.status}${st.ends ? ` until ${formatDate(st.ends)}` : ''}` : 'not yet awarded'}`,
    );
    const provisions = r.provisions.find((x) => x.service === svc.id)?.provisions ?? [];
    if (provisions.length) lines.push(`    provisions: ${provisions.map((x) => x.title).join('; ')}`);
  }

  const pop = r.population;
  lines.push(
    '',
    `Population served: ${count(pop.total)} (registered with integrated practices ${count(pop.registered_with_integrated_practices)}: fully ${count(pop.fully_integrated)}, partially ${count(pop.partially_integrated)}; unregistered residents ${count(pop.unregistered_residents)})`,
  );
  for (const pr of Object.values(s.practices)) {
    const periods = pr.periods
      .map(
        (x) =>
          `${x.mode} from ${formatDate(x.from)}${x.to ? ` to ${formatDate(x.to)} (${x.ended_by?.replace(/-/g, ' ')})` : ''}`,
      )
      .join('; ');
    lines.push(`  ${pr.ods} ${pr.name}, list ${count(pr.list_size)}: ${periods}`);
  }

  const subs = Object.values(s.subcontracts);
  if (subs.length) {
    lines.push('', 'Subcontracts');
    for (const sub of subs) {
      const approved = sub.approved_on
        ? `; approved ${formatDate(sub.approved_on)} by ${sub.approved_by}`
        : '';
      const da = sub.direct_agreement_on ? `; direct agreement ${formatDate(sub.direct_agreement_on)}` : '';
      lines.push(
        `  ${sub.id}: ${sub.subcontractor} (${sub.services.join(', ')}): ${sub.status}${approved}${da}`,
      );
    }
  }

  if (r.incentives.length || s.breaches.length || Object.keys(s.remedial_plans).length || s.withheld.length) {
    lines.push('', 'Performance');
    for (const i of r.incentives)
      lines.push(
        `  ${i.year}: incentives earned ${formatPounds(i.earned_pence)} of ${formatPounds(i.available_pence)}`,
      );
    for (const b of s.breaches) {
      lines.push(
        `  Breach ${b.id} (${formatDate(b.on)}) of ${b.condition}${b.material ? ', material' : ''}${b.persistent ? ', persistent' : ''}: ${b.description}`,
      );
    }
    for (const plan of Object.values(s.remedial_plans)) {
      const state = plan.completed_on
        ? `delivered ${formatDate(plan.completed_on)}`
        : plan.due < r.on
          ? 'OVERDUE'
          : 'open';
      lines.push(`  Remedial plan ${plan.id}, due ${formatDate(plan.due)}: ${state}`);
    }
    for (const w of s.withheld)
      lines.push(`  Withheld ${formatPounds(w.amount_pence)} on ${formatDate(w.on)} (plan ${w.plan})`);
  }

  const open = r.obligations.filter((o) => o.status === 'overdue' || o.status === 'due');
  const met = r.obligations.filter((o) => o.status === 'met').length;
  const late = r.obligations.filter((o) => o.status === 'met-late');
  lines.push(
    '',
    `Compliance calendar: ${met} met on time, ${late.length} met late, ${r.obligations.filter((o) => o.status === 'overdue').length} overdue`,
  );
  for (const o of [...late, ...open]) {
    lines.push(
      `  ${statusLabel[o.status]}  ${formatDate(o.due)}  ${o.title} (${o.key})${o.met_on ? `, received ${formatDate(o.met_on)}` : ''}  [${o.rule}]`,
    );
  }
  if (r.next_due.length) {
    lines.push('  Next due:');
    for (const o of r.next_due) lines.push(`    ${formatDate(o.due)}  ${o.title} (${o.key})`);
  }

  if (s.refusals.length) {
    lines.push('', `Refused events: ${s.refusals.length}`);
    for (const x of s.refusals) lines.push(describeRefusal(x, '  '));
  }

  lines.push('', 'Timeline', ...timelineLines(s.timeline));
  return lines.join('\n');
}

/** A refused event: which, when, by whom, the rule, why, the rule's sources and how far it was checked. */
export function describeRefusal(x: Refusal, indent = ''): string {
  return [
    `${indent}REFUSED  event ${x.index + 1}, ${formatDate(x.on)}, ${x.type} by ${x.by}  [${x.rule}]`,
    `${indent}  ${x.reason}`,
    ...x.citations.map((c) => `${indent}  Source: ${c.text}`),
    `${indent}  ${describeProvenance(x.provenance)}`,
  ].join('\n');
}

function timelineLines(timeline: TimelineEntry[]): string[] {
  return timeline.map((t) => {
    const mark = t.outcome === 'refused' ? 'REFUSED ' : t.outcome === 'automatic' ? 'by date ' : '';
    return `  ${formatDate(t.on).padEnd(17)} ${mark}${t.summary}  [${t.rule}]`;
  });
}

function nextDueLines(next: Obligation[]): string[] {
  return next.map(
    (o) =>
      `  ${formatDate(o.due).padEnd(17)} ${o.title} (${o.key}), by the ${o.who === 'provider' ? 'ICP' : 'commissioners'}  [${o.rule}]`,
  );
}

/**
 * The dated life of a contract to a date: every event applied or refused and every step
 * that happened by date, with its rule; then the phase it is in and what falls due next.
 */
export function describeTimeline(r: ContractReport): string {
  const lines = [`${r.contract}: its life to ${formatDate(r.on)}`, '', ...timelineLines(r.state.timeline)];
  lines.push('', `On ${formatDate(r.on)} the contract is ${describePhase(r.state.phase)}.`);
  const overdue = r.obligations.filter((o) => o.status === 'overdue');
  if (overdue.length) lines.push('Overdue:', ...nextDueLines(overdue));
  lines.push(r.next_due.length ? 'Next due:' : 'Nothing more falls due.', ...nextDueLines(r.next_due));
  return lines.join('\n');
}
