/** The rulebook's answers as tables: findings, who does what, and the pooling plan. */
import { provenanceInBrief } from '../core/provenance.ts';
import type { CheckReport } from '../law/check.ts';
import type { PoolingPlan } from '../law/pooling-plan.ts';
import type { ResponsibilityMatrix } from '../law/responsibility.ts';
import { sourcesOf } from './sources.ts';
import type { Table, TableSet } from './table.ts';

/** How far each row's rule was checked against its sources, in the words the app and CLI use. */
const checkedColumn = { key: 'checked', heading: 'Rule checked against its sources', kind: 'text' } as const;

const severityWords = { error: 'Error', warning: 'Warning', information: 'Information' } as const;

export function findingsTable(report: CheckReport): Table {
  return {
    id: 'findings',
    title: 'Findings',
    columns: [
      { key: 'severity', heading: 'Severity', kind: 'text' },
      { key: 'rule', heading: 'Rule', kind: 'text' },
      { key: 'rule_title', heading: 'Rule title', kind: 'text' },
      { key: 'message', heading: 'Finding', kind: 'text' },
      { key: 'path', heading: 'About', kind: 'text' },
      { key: 'sources', heading: 'Sources', kind: 'text' },
      checkedColumn,
    ],
    rows: report.findings.map((f) => ({
      severity: severityWords[f.severity],
      rule: f.rule,
      rule_title: f.rule_title,
      message: f.message,
      path: f.path,
      sources: f.citations.map((c) => c.text).join('; '),
      checked: provenanceInBrief(f.provenance),
    })),
  };
}

export function findingsTables(report: CheckReport): TableSet {
  return {
    title: `${report.arrangement}: is it lawful on the date`,
    asOf: report.on,
    sources: sourcesOf(report.findings.flatMap((f) => f.citations)),
    tables: [findingsTable(report)],
  };
}

const roleWords = {
  responsible: 'Responsible',
  supports: 'Supports the commissioner',
  none: 'No role',
} as const;

/** Who does what: one row per commissioning activity, one column per party (as the web shows it). */
export function matrixTable(m: ResponsibilityMatrix): Table {
  return {
    id: 'who-does-what',
    title: 'Who does what',
    columns: [
      { key: 'activity', heading: 'Activity', kind: 'text' },
      { key: 'group', heading: 'Group', kind: 'text' },
      ...m.parties.map((p) => ({ key: `party:${p.id}`, heading: p.name, kind: 'text' as const })),
      { key: 'findings', heading: 'Findings', kind: 'count' },
      { key: 'sources', heading: 'Sources', kind: 'text' },
      checkedColumn,
    ],
    rows: m.rows.map((r) => ({
      activity: r.title,
      group: `${r.category}: ${r.subcategory}`,
      ...Object.fromEntries(
        m.parties.map((p) => {
          const cell = r.cells[p.id];
          const text =
            p.side === 'commissioner'
              ? 'Responsible (keeps the function)'
              : !cell?.recorded
                ? 'Not recorded'
                : [roleWords[cell.role], ...cell.actions.map((a) => a.label)].join('; ');
          return [`party:${p.id}`, text];
        }),
      ),
      findings: r.findings.length,
      sources: r.citations.join('; '),
      checked: provenanceInBrief(r.provenance),
    })),
  };
}

export function matrixTables(m: ResponsibilityMatrix): TableSet {
  return {
    title: `${m.arrangement}: who does what`,
    asOf: m.on,
    sources: sourcesOf(m.rows.flatMap((r) => r.citations)),
    tables: [matrixTable(m)],
  };
}

const mechanismWords: Record<string, string> = {
  's75-pooled-fund': 'Pooled fund under s.75 of the NHS Act 2006',
  's14z3a-pooled-fund': 'Pooled fund under s.14Z3A of the NHS Act 2006',
  's65z6-pooled-fund': 'Pooled fund under s.65Z6 of the NHS Act 2006',
  'aligned-budgets': 'Aligned budgets',
  'parallel-budgets': 'Parallel budgets',
  'joint-exercise': 'Joint exercise of functions',
};

export function poolingTables(plan: PoolingPlan & { arrangement?: string }): TableSet {
  const services: Table = {
    id: 'pooling-services',
    title: 'Services and who holds them',
    columns: [
      { key: 'title', heading: 'Service', kind: 'text' },
      { key: 'function_of', heading: 'Whose function', kind: 'text' },
      { key: 'held_by', heading: 'Held by', kind: 'text' },
      { key: 'classification', heading: 'Classification', kind: 'text' },
      { key: 'rule', heading: 'Rule', kind: 'text' },
    ],
    rows: plan.service_plan.map((s) => ({
      title: s.title,
      function_of: s.function_of,
      held_by: s.held_by,
      classification: String(s.classification),
      rule: s.rule,
    })),
  };
  const funds: Table = {
    id: 'pooling-funds',
    title: 'Pooled and aligned funds',
    columns: [
      { key: 'label', heading: 'Fund', kind: 'text' },
      { key: 'kind', heading: 'Pooled or aligned', kind: 'text' },
      { key: 'mechanism', heading: 'Mechanism', kind: 'text' },
      { key: 'parties', heading: 'Parties', kind: 'text' },
      { key: 'services', heading: 'Services', kind: 'text' },
      { key: 'sources', heading: 'Sources', kind: 'text' },
      checkedColumn,
    ],
    rows: plan.funds.map((f) => ({
      label: f.label,
      kind: f.kind === 'pooled' ? 'Pooled' : 'Aligned',
      mechanism: mechanismWords[f.mechanism] ?? f.mechanism,
      parties: f.parties.join(', '),
      services: f.services.join(', '),
      sources: f.citations.map((c) => c.text).join('; '),
      checked: provenanceInBrief(f.provenance),
    })),
  };
  const cited = [
    ...plan.ring_fenced,
    ...plan.excluded,
    ...plan.outside,
    ...plan.problems,
    ...plan.conditions,
  ];
  return {
    title: `${plan.arrangement ?? 'Arrangement'}: pooling plan`,
    asOf: plan.on,
    sources: sourcesOf([...plan.funds.flatMap((f) => f.citations), ...cited.flatMap((c) => c.citations)]),
    tables: [funds, services],
  };
}
