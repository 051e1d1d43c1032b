import type { BudgetReport } from './types.ts';

/**
 * The integrated budget as a flow, left to right: each commissioner's money, into the pooled
 * and aligned budgets (or left outside the ICP), into the ICP, and on to its subcontractors.
 * Pure layout in pence; the page turns it into a picture.
 */
export interface FlowNode {
  id: string;
  label: string;
  column: number;
  pence: number;
  /** Top of the node, in pence from the top of its column (gaps included). */
  top: number;
}

export interface FlowLink {
  from: string;
  to: string;
  pence: number;
  /** Where the ribbon leaves its source and reaches its target: the middle of its slot, in pence. */
  fromY: number;
  toY: number;
}

export const flowColumns = ['Commissioners', 'Budgets', 'Who holds it', 'Where the ICP pays'] as const;

/** The budgets and holders in the order they are stacked; commissioners and subcontractors keep theirs. */
const order = ['b:pooled', 'b:aligned', 'b:outside', 'h:icp', 'h:commissioners', 's:kept'];

const classLabels = {
  pooled: 'Pooled budget',
  aligned: 'Aligned budget',
  outside: 'Outside the ICP',
} as const;

export function budgetFlow(report: BudgetReport['budget']): {
  nodes: FlowNode[];
  links: FlowLink[];
  height: number;
} {
  const links: Omit<FlowLink, 'fromY' | 'toY'>[] = [];
  const add = (from: string, to: string, pence: number) => {
    if (pence <= 0) return;
    const same = links.find((l) => l.from === from && l.to === to);
    if (same) same.pence += pence;
    else links.push({ from, to, pence });
  };
  for (const line of report.lines) add(`c:${line.commissioner}`, `b:${line.class}`, line.value.pence);
  add('b:pooled', 'h:icp', report.pooled.pence);
  add('b:aligned', 'h:icp', report.aligned.pence);
  add('b:outside', 'h:commissioners', report.outside.pence);
  const paidOn = report.subcontracts.reduce((s, x) => s + x.value.pence, 0);
  for (const s of report.subcontracts) add('h:icp', `s:${s.id}`, s.value.pence);
  add('h:icp', 's:kept', report.icp_total.pence - paidOn);

  const labels = new Map<string, string>([
    ['b:pooled', classLabels.pooled],
    ['b:aligned', classLabels.aligned],
    ['b:outside', classLabels.outside],
    ['h:icp', 'The integrated care provider'],
    ['h:commissioners', 'Stays with the commissioners'],
    ['s:kept', 'Provided by the ICP itself'],
  ]);
  for (const s of report.subcontracts) labels.set(`s:${s.id}`, s.subcontractor);
  for (const l of report.lines) labels.set(`c:${l.commissioner}`, l.commissioner_name);
  const column = (id: string) => 'cbhs'.indexOf(id[0] as string);

  // A node is as tall as the larger of what flows in and out. Nodes in a column are stacked in
  // a fixed order (pooled before aligned before outside, the ICP before the commissioners,
  // subcontractors before what the ICP keeps) so ribbons do not cross, with a gap of 4% of
  // the largest column between them.
  const rank = (id: string) => order.indexOf(id) + 1;
  links.sort((a, b) => rank(a.to) - rank(b.to));
  const ids = [...new Set(links.flatMap((l) => [l.from, l.to]))].sort(
    (a, b) => column(a) - column(b) || rank(a) - rank(b),
  );
  const size = (id: string) =>
    Math.max(
      links.filter((l) => l.to === id).reduce((s, l) => s + l.pence, 0),
      links.filter((l) => l.from === id).reduce((s, l) => s + l.pence, 0),
    );
  const columnTotal = (c: number) => ids.filter((id) => column(id) === c).reduce((s, id) => s + size(id), 0);
  const gap = Math.round(Math.max(...flowColumns.map((_, c) => columnTotal(c))) * 0.04);
  const nodes: FlowNode[] = [];
  const heights = flowColumns.map(() => 0);
  for (const id of ids) {
    const c = column(id);
    const top = heights[c] as number;
    nodes.push({ id, label: labels.get(id) ?? id.slice(2), column: c, pence: size(id), top });
    heights[c] = top + size(id) + gap;
  }
  const out = new Map(nodes.map((n) => [n.id, n.top]));
  const into = new Map(out);
  const placed = links.map((l) => {
    const fromTop = out.get(l.from) as number;
    const toTop = into.get(l.to) as number;
    out.set(l.from, fromTop + l.pence);
    into.set(l.to, toTop + l.pence);
    return { ...l, fromY: fromTop + l.pence / 2, toY: toTop + l.pence / 2 };
  });
  return { nodes, links: placed, height: Math.max(...heights) - gap };
}
