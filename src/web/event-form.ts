/**
 * The form model for recording a contract event: field descriptors read from the published
 * JSON Schema of events (docs/contract-event.schema.json, generated from the zod schema the
 * server checks with, src/contracts/events.ts), plain-English names for them, the browser's
 * field-by-field check and the conversion of what was typed into the event the API takes.
 * The server checks everything again; this gives the quick answer beside each field.
 */
import schema from '../../docs/contract-event.schema.json' with { type: 'json' };
import { formatPounds, parsePounds } from '../core/money.ts';
import type { FieldError } from './components/forms.tsx';
import { plainSources } from './sources.ts';
import { isoDate, pounds } from './validation.ts';

interface JsonSchema {
  type?: string | string[];
  const?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  description?: string;
  default?: unknown;
}

export type FieldKind =
  | 'text'
  | 'date'
  | 'money'
  | 'decimal'
  | 'whole-number'
  | 'yes-no'
  | 'choice'
  | 'group'
  | 'list';

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  kind: FieldKind;
  /** list: what one row is called, numbered (“Service 2”). */
  rowLabel?: string;
  required: boolean;
  /** choice: the values with their names. */
  options?: { value: string; text: string }[];
  pattern?: string;
  minimum?: number;
  /** group: its fields; list: one row's fields (a list of plain values has one, named ''). */
  fields?: FieldSpec[];
  minItems?: number;
  defaultValue?: boolean;
}

export type FormValue = string | boolean | FormValue[] | { [name: string]: FormValue };
export type FormValues = { [name: string]: FormValue };

/** The event types a form can record, each with its own schema; `on`, `by` and `type` have fields of their own on the page. */
const eventSchemas = new Map(
  (schema.oneOf as unknown as JsonSchema[]).map((s) => [s.properties?.type?.const as string, s] as const),
);
const ownFields = new Set(['type', 'on', 'by']);

/** Labels and hints by field name; `as` marks the text fields that hold dates or money. */
interface FieldText {
  label: string;
  hint?: string;
  as?: 'date' | 'money';
  /** For a list: one row's name. */
  row?: string;
}
const fieldText: Record<string, FieldText> = {
  party: { label: 'Which party', hint: 'The commissioner, practice or body, by name or id, if it matters.' },
  note: { label: 'Note' },
  outcome: { label: 'Outcome of the assurance' },
  route: { label: 'Procurement route' },
  reason: { label: 'Reason' },
  bidder: { label: 'Preferred bidder' },
  legal_advice_taken: { label: 'Legal advice was taken before the award' },
  description: { label: 'Description' },
  add_services: { label: 'Services added', row: 'Service added' },
  remove_services: {
    label: 'Services removed',
    hint: 'The id of each service, for example talking-therapies.',
  },
  new_end: { label: 'New end date', hint: 'Only if the variation changes the end of the term.', as: 'date' },
  notice_periods: { label: 'New notice periods', hint: 'Only the periods the variation changes.' },
  provider_contract_months: { label: 'Provider ending the contract (months)' },
  provider_service_months: { label: 'Provider ending a service (months)' },
  commissioner_contract_months: { label: 'Commissioners ending the contract (months)' },
  commissioner_service_months: { label: 'Commissioners ending a service (months)' },
  id: { label: 'Id', hint: 'Lowercase words joined by dashes, for example urgent-treatment.' },
  name: { label: 'Name' },
  kind: { label: 'Kind of service' },
  commissioner: { label: 'Commissioner', hint: 'The commissioner’s id, for example dudley-ccg.' },
  primary_medical: { label: 'Core GP services (primary medical)' },
  service: { label: 'Service', hint: 'The service’s id, for example talking-therapies.' },
  services: {
    label: 'Services',
    row: 'Service',
    hint: 'The id of each service, for example talking-therapies.',
  },
  scope: { label: 'What ends' },
  ground: { label: 'Ground for ending it' },
  immediate: { label: 'Immediate termination' },
  breach: { label: 'Breach', hint: 'The breach’s id, for example breach-2021-1.' },
  effective: {
    label: 'Date it takes effect',
    hint: 'The first day the contract or service no longer runs.',
    as: 'date',
  },
  costs: { label: 'Termination costs', as: 'money' },
  recommissioning: { label: 'Recommissioning costs', as: 'money' },
  subcontract: { label: 'Subcontract', hint: 'The subcontract’s id, for example talking-therapies.' },
  subcontractor: { label: 'Subcontractor' },
  key: { label: 'Key' },
  value: { label: 'Value' },
  direct_agreement_required: { label: 'A direct agreement is required' },
  requirement: { label: 'Requirement', hint: 'An id for the requirement, for example change-2021-1.' },
  action: { label: 'What the provider must do' },
  due: { label: 'Due by', as: 'date' },
  third_party: { label: 'Third party' },
  activity: { label: 'Activity', hint: 'An action the provider may take on third-party contracts.' },
  practice: { label: 'The practice' },
  ods: { label: 'ODS code', hint: 'A letter and 5 digits, for example M87001.' },
  list_size: { label: 'Registered patients', hint: 'On the day it integrates.' },
  contract: { label: 'GP contract' },
  integration_agreement: { label: 'Integration agreement' },
  goals: { label: 'Goals', row: 'Goal' },
  information_sharing: { label: 'Information is shared' },
  joint_decisions: { label: 'Decisions are taken jointly' },
  incentive_share_percent: { label: 'Incentive share (%)', hint: 'For example 12.5.' },
  obligation: { label: 'Obligation' },
  net_worth: { label: 'Net worth', as: 'money' },
  current_assets: { label: 'Current assets', as: 'money' },
  current_liabilities: { label: 'Current liabilities', as: 'money' },
  amount: { label: 'Amount', as: 'money' },
  asset: { label: 'Asset' },
  indicator: { label: 'Indicator', hint: 'The indicator’s id.' },
  year: { label: 'Financial year', hint: 'Written 2025/26.' },
  condition: { label: 'Condition breached', hint: 'For example SC1.8.3.' },
  material: { label: 'The breach is material' },
  plan: { label: 'Remedial plan', hint: 'The plan’s id, for example plan-2021-1.' },
  actions: { label: 'Actions', row: 'Action' },
  incident: { label: 'Incident', hint: 'An id for the incident.' },
  notify_by: { label: 'Notify by', as: 'date' },
  change: { label: 'Change', hint: 'An id for the change.' },
  support_by: { label: 'Support needed by', as: 'date' },
};

/** Fields whose meaning depends on the event: the same name, a different label. */
const eventFieldText: Record<string, Record<string, FieldText>> = {
  'subcontract-proposed': {
    key: {
      label: 'Key subcontract',
      hint: plainSources('A key subcontractor must sign a direct agreement (seed 001, 57).'),
    },
    value: { label: 'Value of the subcontract', as: 'money' },
  },
  'indicator-result': { value: { label: 'Result', hint: 'A number, for example 72.5.' } },
  'obligation-met': {
    key: {
      label: 'Which occurrence',
      hint: 'The contract year’s start (2021-04-01), the financial year (2020/21), a quarter (2020/21 Q1), once, or the id of the plan, incident, change or requirement.',
    },
  },
};

const optionNames: Record<string, string> = {
  passed: 'Passed',
  'not-passed': 'Not passed',
  'direct-award-a': 'Direct award process A',
  'direct-award-b': 'Direct award process B',
  'direct-award-c': 'Direct award process C',
  contract: 'The whole contract',
  service: 'One service',
  default: 'Default',
  'financial-viability': 'Financial viability',
  'procurement-law': 'Procurement law',
  gms: 'GMS (General Medical Services)',
  pms: 'PMS (Personal Medical Services)',
};

/** What a pattern asks for, since the JSON Schema keeps the pattern but not zod's message. */
export const patternMessages: Record<string, string> = {
  '^[a-z0-9]+(?:-[a-z0-9]+)*$': 'must be lowercase words joined by dashes, for example talking-therapies',
  '^[A-Z]\\d{5}$': 'must be a letter and 5 digits, like M87001',
  '^\\d{4}\\/\\d{2}$': 'must be a financial year written 2025/26',
};

const asKind = { date: 'date', money: 'money' } as const;

function spec(name: string, s: JsonSchema, required: boolean, type?: string): FieldSpec {
  const text = (type ? eventFieldText[type]?.[name] : undefined) ?? fieldText[name];
  const label = text?.label ?? sentence(name);
  const hint = text?.hint ?? (s.description ? plainSources(s.description) : undefined);
  const base = { name, label, required, ...(hint ? { hint } : {}) };
  const as = text?.as;
  if (s.enum)
    return { ...base, kind: 'choice', options: s.enum.map((v) => ({ value: v, text: optionName(v) })) };
  if (Array.isArray(s.type)) return { ...base, kind: 'decimal' };
  switch (s.type) {
    case 'boolean':
      return { ...base, kind: 'yes-no', defaultValue: s.default === true };
    case 'integer':
      return { ...base, kind: 'whole-number', ...(s.minimum !== undefined ? { minimum: s.minimum } : {}) };
    case 'object':
      return { ...base, kind: 'group', fields: fieldsOf(s) };
    case 'array': {
      const item = s.items ?? {};
      const fields =
        item.type === 'object' ? fieldsOf(item) : [{ ...spec(name, item, true, type), name: '' }];
      return { ...base, kind: 'list', fields, minItems: s.minItems ?? 0, rowLabel: text?.row ?? label };
    }
    default:
      return {
        ...base,
        kind: as ? asKind[as] : 'text',
        ...(s.pattern ? { pattern: s.pattern } : {}),
      };
  }
}

function fieldsOf(s: JsonSchema, type?: string): FieldSpec[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {})
    .filter(([name]) => !(type && ownFields.has(name)))
    .map(([name, p]) => spec(name, p, required.has(name), type));
}

/** The fields of an event type beyond its date, party kind and type: its own first, then party and note. */
export function eventFields(type: string): FieldSpec[] {
  const s = eventSchemas.get(type);
  if (!s) return [];
  const fields = fieldsOf(s, type);
  const common = new Set(['party', 'note']);
  return [...fields.filter((f) => !common.has(f.name)), ...fields.filter((f) => common.has(f.name))];
}

export function initialValues(fields: readonly FieldSpec[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, initialValue(f)]));
}

export function initialValue(f: FieldSpec): FormValue {
  switch (f.kind) {
    case 'yes-no':
      return f.defaultValue ?? false;
    case 'group':
      return initialValues(f.fields ?? []);
    case 'list':
      return Array.from({ length: Math.max(f.minItems ?? 0, f.required ? 1 : 0) }, () => rowValue(f));
    default:
      return '';
  }
}

/** One new row of a list: a plain value, or an object for a list of records. */
export function rowValue(list: FieldSpec): FormValue {
  const fields = list.fields ?? [];
  return fields.length === 1 && fields[0]?.name === '' ? initialValue(fields[0]) : initialValues(fields);
}

/** The input id of a field at a path, e.g. `event-practice-ods` or `event-services-0`; the error summary links to it. */
export function inputId(...path: (string | number)[]): string {
  return ['event', ...path.filter((p) => p !== '')].join('-');
}

/** The server names fields like `body/event/practice/ods`: the input with that path (`event-practice-ods`). */
export function serverFieldId(field: string): string {
  return inputId(
    ...field
      .replace(/^\/?body\/event\/?/, '')
      .split('/')
      .filter(Boolean),
  );
}

/** The browser's check of every field, each message naming the field (and its row or group). */
export function eventFormErrors(fields: readonly FieldSpec[], values: FormValues): FieldError[] {
  const out: FieldError[] = [];
  check(fields, values, [], '', out);
  return out;
}

function check(
  fields: readonly FieldSpec[],
  values: FormValues,
  path: (string | number)[],
  context: string,
  out: FieldError[],
): void {
  for (const f of fields) {
    const value = f.name === '' ? (values as unknown as FormValue) : values[f.name];
    const at = [...path, f.name];
    const add = (message: string | undefined, ...more: (string | number)[]) => {
      if (message)
        out.push({
          field: inputId(...at, ...more),
          message: context ? `${context}: ${lowerFirst(message)}` : message,
        });
    };
    if (f.kind === 'group') {
      if (f.required || !isBlank(value)) check(f.fields ?? [], value as FormValues, at, f.label, out);
      continue;
    }
    if (f.kind === 'list') {
      const rows = (value as FormValue[] | undefined) ?? [];
      const min = Math.max(f.minItems ?? 0, 0);
      if (rows.filter((r) => !isBlank(r)).length < min)
        add(`${f.label}: add at least ${min === 1 ? 'one' : min}`, 0);
      rows.forEach((row, i) => {
        if (isBlank(row)) return;
        const rowContext = rowName(f, i);
        const rowFields = f.fields ?? [];
        if (rowFields.length === 1 && rowFields[0]?.name === '')
          check(rowFields, row as unknown as FormValues, [...at, i], rowContext, out);
        else check(rowFields, row as FormValues, [...at, i], rowContext, out);
      });
      continue;
    }
    add(fieldError(f, value));
  }
}

/** A list row's name, numbered from 1: “Service 2”. */
export function rowName(list: FieldSpec, index: number): string {
  return `${list.rowLabel ?? list.label} ${index + 1}`;
}

/** The message for one plain field, or undefined when it is fine. */
export function fieldError(f: FieldSpec, value: FormValue | undefined): string | undefined {
  if (f.kind === 'yes-no') return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  // "Choose which obligation was met", "Enter the date it takes effect": a sentence either way.
  const what = /^(which|the|a|an) /i.test(f.label) ? lowerFirst(f.label) : `the ${lowerFirst(f.label)}`;
  if (text === '') {
    if (!f.required) return undefined;
    return f.kind === 'choice' ? `Choose ${what}` : `Enter ${what}`;
  }
  switch (f.kind) {
    case 'date':
      return isoDate(text, what);
    case 'money':
      return pounds(text, what);
    case 'decimal':
      return /^-?\d+(\.\d+)?$/.test(text) ? undefined : `${f.label} must be a number, like 72.5`;
    case 'whole-number': {
      if (!/^-?\d+$/.test(text.replaceAll(',', ''))) return `${f.label} must be a whole number, like 12,345`;
      const n = Number(text.replaceAll(',', ''));
      return f.minimum !== undefined && n < f.minimum ? `${f.label} must be ${f.minimum} or more` : undefined;
    }
    case 'choice':
      return f.options?.some((o) => o.value === text) ? undefined : `Choose ${what}`;
    default:
      if (f.pattern && !new RegExp(f.pattern).test(text))
        return `${f.label} ${patternMessages[f.pattern] ?? 'is not in the expected form'}`;
      return undefined;
  }
}

/**
 * What was typed → the event the API takes: blank optional fields left out, money written
 * as the contract files write it (£1,200,000.00), whole numbers as numbers.
 */
export function toEvent(
  type: string,
  on: string,
  by: string,
  fields: readonly FieldSpec[],
  values: FormValues,
): Record<string, unknown> {
  return { type, on, by, ...(convertAll(fields, values) ?? {}) };
}

function convertAll(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = convert(f, values[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function convert(f: FieldSpec, value: FormValue | undefined): unknown {
  if (f.kind === 'yes-no') return value === true;
  if (f.kind === 'group') {
    const inner = convertAll(f.fields ?? [], (value as FormValues | undefined) ?? {});
    return inner ?? (f.required ? {} : undefined);
  }
  if (f.kind === 'list') {
    const rowFields = f.fields ?? [];
    const plain = rowFields.length === 1 && rowFields[0]?.name === '';
    const rows = ((value as FormValue[] | undefined) ?? [])
      .filter((r) => !isBlank(r))
      .map((r) =>
        plain ? convert(rowFields[0] as FieldSpec, r) : (convertAll(rowFields, r as FormValues) ?? {}),
      );
    return rows.length > 0 || f.required ? rows : undefined;
  }
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return undefined;
  if (f.kind === 'money' && pounds(text, 'amount') === undefined) return formatPounds(parsePounds(text));
  if (f.kind === 'whole-number' && /^-?[\d,]+$/.test(text)) return Number(text.replaceAll(',', ''));
  return text;
}

/** Nothing typed: empty text, and groups and rows with nothing typed in them (a tick box left unticked counts as nothing). */
function isBlank(value: FormValue | undefined): boolean {
  if (value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  if (typeof value === 'object') return Object.values(value).every(isBlank);
  return false;
}

function optionName(value: string): string {
  return optionNames[value] ?? sentence(value);
}

function sentence(name: string): string {
  const words = name.replaceAll(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Lowercase the first letter unless it starts an abbreviation (ODS, ISAP). */
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
