/**
 * A contract event's fields offer the contract's own things to choose from, by name: its
 * obligations (with their due dates), subcontracts, practices, indicators, services,
 * commissioners, breaches and remedial plans. Nobody types an internal id; the id the API
 * takes is the option's value. Where the contract has none of a thing yet (a new
 * subcontract's id, say), the field stays one to type into.
 */
import type { ContractReport } from '../contracts/replay.ts';
import { formatDate } from '../core/dates.ts';
import type { FieldSpec } from './event-form.ts';
import { organisationName } from './names.ts';

type Option = { value: string; text: string };

/** Fields that name something the contract already has, by field name, for events that refer to it. */
function optionsByField(report: ContractReport, type: string): Record<string, Option[]> {
  const { state } = report;
  const p = state.particulars;
  const services = p.services.map((s) => ({ value: s.id, text: s.name }));
  // A proposal names a new subcontract; every other subcontract event names an existing one.
  const subcontracts =
    type === 'subcontract-proposed'
      ? []
      : Object.values(state.subcontracts).map((s) => ({
          value: s.id,
          text: `${organisationName(s.subcontractor)}, for ${s.services.map((id) => p.services.find((x) => x.id === id)?.name ?? id).join(', ')}`,
        }));
  return {
    subcontract: subcontracts,
    ods: Object.values(state.practices).map((x) => ({
      value: x.ods,
      text: `${organisationName(x.name)} (${x.ods})`,
    })),
    indicator: p.indicators.map((i) => ({ value: i.id, text: i.title })),
    service: services,
    services,
    remove_services: services,
    commissioner: p.commissioners.map((c) => ({ value: c.id, text: organisationName(c.name) })),
    breach: state.breaches.map((b) => ({ value: b.id, text: `${b.description}, ${formatDate(b.on)}` })),
    plan: Object.values(state.remedial_plans).map((r) => ({
      value: r.id,
      text: `Remedial plan agreed ${formatDate(r.agreed_on)}, due ${formatDate(r.due)}`,
    })),
  };
}

/**
 * Events that bring a new thing into the contract, and the field holding its id: the form
 * does not ask for one but makes it from the date ("breach-2021-09-01"), numbered on if the
 * contract already has one that day, so later events can choose it by name.
 */
const newIds: Record<string, string> = {
  'breach-recorded': 'breach',
  'remedial-plan-agreed': 'plan',
  'candour-incident': 'incident',
  'service-change-proposed': 'change',
  'subcontract-proposed': 'subcontract',
  'subcontractor-change-required': 'requirement',
};

/** The event's fields with those that name the contract's own things turned into choices of them. */
export function withContractChoices(type: string, fields: FieldSpec[], report: ContractReport): FieldSpec[] {
  if (type === 'obligation-met')
    return [occurrenceField(report), ...fields.filter((f) => !obligationFields.has(f.name))];
  const options = optionsByField(report, type);
  const choose = (f: FieldSpec, nested = false): FieldSpec => {
    // Inside a group a practice's code is a new practice joining: it stays one to type.
    const offered = nested && f.name === 'ods' ? [] : (options[f.name] ?? []);
    if ((f.kind === 'group' || f.kind === 'list') && f.fields?.some((x) => x.name !== ''))
      return { ...f, fields: f.fields.map((x) => choose(x, true)) };
    if (f.kind === 'list' && f.fields?.length === 1 && f.fields[0]?.name === '' && offered.length > 0)
      return {
        ...f,
        fields: [{ ...(f.fields[0] as FieldSpec), kind: 'choice', options: offered, hint: undefined }],
      };
    if ((f.kind === 'text' || f.kind === 'choice') && offered.length > 0)
      return { ...f, kind: 'choice', options: offered, hint: undefined, pattern: undefined };
    return f;
  };
  return fields.filter((f) => f.name !== newIds[type]).map((f) => choose(f));
}

/** The event as the API takes it: the chosen obligation split into rule and occurrence, and a new thing's id made. */
export function completeEvent(
  event: Record<string, unknown>,
  report: ContractReport,
): Record<string, unknown> {
  const type = String(event.type);
  const idField = newIds[type];
  if (idField && event[idField] === undefined) {
    const taken = new Set(idsInUse(report));
    const base = `${idField}-${String(event.on)}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    return { ...event, [idField]: id };
  }
  return type === 'obligation-met' ? withOccurrence(event) : event;
}

function idsInUse({ state }: ContractReport): string[] {
  return [
    ...state.breaches.map((b) => b.id),
    ...Object.keys(state.remedial_plans),
    ...Object.keys(state.subcontracts),
    ...state.event_obligations.map((o) => o.key),
  ];
}

const obligationFields = new Set(['obligation', 'key']);
const occurrenceSeparator = '|';

/** One choice for the obligation met: every one not yet met, soonest due first, by name and due date. */
function occurrenceField(report: ContractReport): FieldSpec {
  const open = report.obligations
    .filter((o) => o.status !== 'met' && o.status !== 'met-late')
    .sort((a, b) => a.due.localeCompare(b.due) || a.title.localeCompare(b.title));
  return {
    name: 'occurrence',
    label: 'Which obligation was met',
    hint: 'Obligations not yet met under this contract, with the date each falls due.',
    kind: 'choice',
    required: true,
    options: open.map((o) => ({
      value: `${o.rule}${occurrenceSeparator}${o.key}`,
      text: `${o.title}, due ${formatDate(o.due)}${o.status === 'overdue' ? ' (overdue)' : ''}`,
    })),
  };
}

/** The chosen obligation back into the two fields the event takes: the rule and which occurrence. */
function withOccurrence(event: Record<string, unknown>): Record<string, unknown> {
  const { occurrence, ...rest } = event;
  if (typeof occurrence !== 'string') return event;
  const at = occurrence.indexOf(occurrenceSeparator);
  return { ...rest, obligation: occurrence.slice(0, at), key: occurrence.slice(at + 1) };
}
