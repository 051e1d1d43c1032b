/** A contract's position as tables: the compliance calendar, subcontracts, practices, performance, remedial plans, timeline. */
import type { Obligation } from '../contracts/calendar.ts';
import type { ContractReport } from '../contracts/replay.ts';
import { sourcesOf } from './sources.ts';
import type { Table, TableSet } from './table.ts';

export const statusWords = {
  met: 'Met',
  'met-late': 'Met late',
  overdue: 'Overdue',
  due: 'Due',
  upcoming: 'Upcoming',
} as const;

const outcomeWords = { applied: 'Applied', refused: 'Refused', automatic: 'By date' } as const;

/** Each event and each step that happens by date, with its outcome and rule. */
function timelineTable(r: ContractReport): Table {
  return {
    id: 'timeline',
    title: 'Timeline',
    columns: [
      { key: 'on', heading: 'Date', kind: 'date' },
      { key: 'summary', heading: 'What happened', kind: 'text' },
      { key: 'outcome', heading: 'Outcome', kind: 'text' },
      { key: 'rule', heading: 'Rule', kind: 'text' },
    ],
    rows: r.state.timeline.map((t) => ({
      on: t.on,
      summary: t.summary,
      outcome: outcomeWords[t.outcome],
      rule: t.rule,
    })),
  };
}

/** Obligations as a compliance calendar: due date, what, who, status and the rule's sources. */
function obligationsTable(id: string, title: string, list: readonly Obligation[]): Table {
  return {
    id,
    title,
    columns: [
      { key: 'due', heading: 'Due', kind: 'date' },
      { key: 'title', heading: 'Obligation', kind: 'text' },
      { key: 'who', heading: 'Who', kind: 'text' },
      { key: 'status', heading: 'Status', kind: 'text' },
      { key: 'met_on', heading: 'Met on', kind: 'date' },
      { key: 'rule', heading: 'Rule', kind: 'text' },
      { key: 'sources', heading: 'Sources', kind: 'text' },
    ],
    rows: list.map((o) => ({
      due: o.due,
      title: o.title,
      who: o.who === 'provider' ? 'Provider' : 'Commissioner',
      status: statusWords[o.status],
      met_on: o.met_on ?? null,
      rule: o.rule,
      sources: o.citations.map((c) => c.text).join('; '),
    })),
  };
}

export function contractTables(r: ContractReport): TableSet {
  const s = r.state;
  const obligations = obligationsTable('obligations', 'Compliance calendar', r.obligations);
  const subcontracts: Table = {
    id: 'subcontracts',
    title: 'Subcontracts',
    columns: [
      { key: 'id', heading: 'Subcontract', kind: 'text' },
      { key: 'subcontractor', heading: 'Subcontractor', kind: 'text' },
      { key: 'services', heading: 'Services', kind: 'text' },
      { key: 'key', heading: 'Key subcontract', kind: 'text' },
      { key: 'value', heading: 'Value', kind: 'pounds' },
      { key: 'status', heading: 'Status', kind: 'text' },
      { key: 'proposed_on', heading: 'Proposed on', kind: 'date' },
      { key: 'approved_on', heading: 'Approved on', kind: 'date' },
    ],
    rows: Object.values(s.subcontracts).map((c) => ({
      id: c.id,
      subcontractor: c.subcontractor,
      services: c.services.join(', '),
      key: c.key ? 'Yes' : 'No',
      value: c.value_pence ?? null,
      status: String(c.status),
      proposed_on: c.proposed_on,
      approved_on: c.approved_on ?? null,
    })),
  };
  const practices: Table = {
    id: 'practices',
    title: 'GP practices',
    columns: [
      { key: 'ods', heading: 'ODS code', kind: 'text' },
      { key: 'name', heading: 'Practice', kind: 'text' },
      { key: 'contract', heading: 'Contract', kind: 'text' },
      { key: 'list_size', heading: 'List size', kind: 'patients' },
    ],
    rows: Object.values(s.practices).map((p) => ({
      ods: p.ods,
      name: p.name,
      contract: p.contract?.toUpperCase() ?? null,
      list_size: p.list_size,
    })),
  };
  const performance: Table = {
    id: 'performance',
    title: 'Indicators',
    columns: [
      { key: 'indicator', heading: 'Indicator', kind: 'text' },
      { key: 'year', heading: 'Year', kind: 'text' },
      { key: 'value', heading: 'Result', kind: 'text' },
      { key: 'target', heading: 'Target', kind: 'text' },
      { key: 'met', heading: 'Met', kind: 'text' },
      { key: 'incentive', heading: 'Incentive earned', kind: 'pounds' },
      { key: 'recorded_on', heading: 'Recorded on', kind: 'date' },
    ],
    rows: s.indicator_results.map((i) => ({
      indicator: i.indicator,
      year: i.year,
      value: i.value,
      target: i.target,
      met: i.met ? 'Yes' : 'No',
      incentive: i.incentive_pence,
      recorded_on: i.recorded_on,
    })),
  };
  const remedial: Table = {
    id: 'remedial-plans',
    title: 'Breaches and remedial plans',
    columns: [
      { key: 'id', heading: 'Plan', kind: 'text' },
      { key: 'breach', heading: 'Breach', kind: 'text' },
      { key: 'agreed_on', heading: 'Agreed on', kind: 'date' },
      { key: 'due', heading: 'Due', kind: 'date' },
      { key: 'completed_on', heading: 'Completed on', kind: 'date' },
      { key: 'actions', heading: 'Actions', kind: 'text' },
    ],
    rows: Object.values(s.remedial_plans).map((p) => ({
      id: p.id,
      breach: s.breaches.find((b) => b.id === p.breach)?.description ?? p.breach ?? null,
      agreed_on: p.agreed_on,
      due: p.due,
      completed_on: p.completed_on ?? null,
      actions: p.actions.join('; '),
    })),
  };
  return {
    title: `${r.contract}: position on the date`,
    asOf: r.on,
    sources: sourcesOf(r.obligations.flatMap((o) => o.citations)),
    tables: [obligations, subcontracts, practices, performance, remedial, timelineTable(r)],
  };
}

/** A contract's dated life (`concordat contract timeline`): the timeline, then what falls due next. */
export function timelineTables(r: ContractReport): TableSet {
  return {
    title: `${r.contract}: timeline`,
    asOf: r.on,
    sources: sourcesOf(r.next_due.flatMap((o) => o.citations)),
    tables: [timelineTable(r), obligationsTable('next-due', 'Falling due next', r.next_due)],
  };
}
