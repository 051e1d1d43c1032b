/**
 * The browser's side of the operating-model editor: where a finding or a server problem
 * points, ids made from names (people never type them), organisations added from the
 * registry, where something is used before it may be removed, and each part's field-by-field
 * check. Field ids double as input ids (`places-0-name`), so an error summary links to each.
 * The server checks the whole model again (its schema and references) on every check and save.
 */
import { formatPounds, parsePounds } from '../core/money.ts';
import type {
  Collaborative,
  Committee,
  OperatingModel,
  Organisation,
  Place,
  SordEntry,
} from '../system/operating-model/model.ts';
import { fieldId } from './arrangement-form.ts';
import type { FieldError } from './components/forms.tsx';
import { isoDate, required } from './validation.ts';

export { fieldId };

/** The parts of a model the editor asks about, each on its own pages. */
export const parts = [
  'details',
  'organisations',
  'board',
  'committees',
  'places',
  'collaboratives',
  'sord',
  'budgets',
] as const;
export type Part = (typeof parts)[number];

/** The parts that are lists of items, each item edited on its own page. */
export type ListPart = 'organisations' | 'committees' | 'places' | 'collaboratives' | 'sord';
export type ItemOf<P extends ListPart> = OperatingModel[P][number];

export type Path = (string | number)[];

/**
 * A finding's path (`places[0].partnership.members`) or a server problem's field
 * (`body/model/places/0/partnership/members`) as a list of keys and indexes.
 */
export function pathOf(text: string): Path {
  return text
    .replace(/^body\/model\/?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean)
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}

/** Which part (and item) a path concerns. */
export function partOf(path: Path): { part: Part; index?: number } {
  const [first, second] = path;
  if (first === 'board') return { part: 'board' };
  if (first === 'budgets') return { part: 'budgets' };
  if (
    first === 'organisations' ||
    first === 'committees' ||
    first === 'places' ||
    first === 'collaboratives' ||
    first === 'sord'
  )
    return typeof second === 'number' ? { part: first, index: second } : { part: first };
  return { part: 'details' };
}

/** Does `path` lie at or under `prefix`? */
export function isUnder(path: Path, prefix: Path): boolean {
  return prefix.every((key, i) => path[i] === key);
}

/** Lowercase words joined by dashes, as the model's ids are written. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Every id the model declares (and `board`, which a SoRD row may name). */
export function idsIn(m: OperatingModel): Set<string> {
  return new Set([
    'board',
    ...m.organisations.map((o) => o.id),
    ...m.committees.map((c) => c.id),
    ...m.places.map((p) => p.id),
    ...m.collaboratives.map((c) => c.id),
    ...m.sord.map((s) => s.id),
  ]);
}

/** An id made from a name, unique among `taken`: `dudley`, then `dudley-2`. */
export function newId(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = slug(name) || fallback;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export interface IcbChoice {
  code: string;
  name: string;
  region: string;
}

/**
 * A model with nothing in it but the ICB, NHS England (who appoints the chair) and the two
 * board members every ICB has: the check then says what else the law expects.
 */
export function blankModel(icb: IcbChoice, effectiveFrom: string): OperatingModel {
  const icbId = newId(icb.name, new Set(['nhs-england']), 'icb');
  return {
    name: `${icb.name} operating model`,
    icb,
    effective_from: effectiveFrom,
    organisations: [
      { id: 'nhs-england', name: 'NHS England', kind: 'nhs-england' },
      { id: icbId, name: icb.name, kind: 'icb', code: icb.code },
    ],
    board: { members: [{ role: 'chair', nominated_by: ['nhs-england'] }, { role: 'chief-executive' }] },
    committees: [],
    places: [],
    collaboratives: [],
    sord: [],
  };
}

/** A copy to start a new model from: everything but its name. */
export function copyOf(m: OperatingModel): OperatingModel {
  return { ...structuredClone(m), name: `Copy of ${m.name}` };
}

/**
 * Adds an organisation unless the model already names one with the same code (then its
 * sectors are merged in); either way, answers with the model and the organisation's id.
 */
export function withOrganisation(
  m: OperatingModel,
  org: Omit<Organisation, 'id'>,
): { model: OperatingModel; id: string } {
  const same = org.code ? m.organisations.find((o) => o.code === org.code) : undefined;
  if (same) {
    const merged = [...new Set([...(same.sectors ?? []), ...(org.sectors ?? [])])];
    const updated = merged.length ? { ...same, sectors: merged } : same;
    return {
      model: { ...m, organisations: m.organisations.map((o) => (o === same ? updated : o)) },
      id: same.id,
    };
  }
  const id = newId(org.name, idsIn(m), 'organisation');
  return { model: { ...m, organisations: [...m.organisations, { ...org, id }] }, id };
}

/** The parts of the model that refer to `id`, in words: why it cannot be removed yet. */
export function usesOf(m: OperatingModel, id: string): string[] {
  const uses: string[] = [];
  if (m.board.members.some((b) => b.nominated_by?.includes(id) || b.represents?.includes(id)))
    uses.push('the board');
  for (const c of m.committees)
    if (c.reports_to === id || c.organisations.includes(id) || c.members.some((x) => x.organisation === id))
      uses.push(c.name);
  for (const p of m.places)
    if (
      p.local_authorities.includes(id) ||
      p.partnership.committee === id ||
      p.partnership.lead_provider === id ||
      p.partnership.members.some((x) => x.organisation === id)
    )
      uses.push(`${p.name} place`);
  for (const c of m.collaboratives) if (c.members.includes(id) || c.lead === id) uses.push(c.name);
  for (const s of m.sord)
    if (s.decided_by === id || s.jointly_with.includes(id) || s.contract_with === id)
      uses.push(`the decision “${s.decision}”`);
  return uses;
}

/** The model with one item of a list part replaced, or added at the end when `index` is past it. */
export function withItem<P extends ListPart>(
  m: OperatingModel,
  part: P,
  index: number,
  item: ItemOf<P>,
): OperatingModel {
  const list = m[part] as ItemOf<P>[];
  const next = index < list.length ? list.map((x, i) => (i === index ? item : x)) : [...list, item];
  return { ...m, [part]: next };
}

/** The model without one item of a list part. */
export function withoutItem(m: OperatingModel, part: ListPart, index: number): OperatingModel {
  return { ...m, [part]: (m[part] as unknown[]).filter((_, i) => i !== index) };
}

const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const money = (s: string | undefined) => (s?.trim() ? normalPounds(s) : undefined);
const lines = (list: string[]) => list.map((l) => l.trim()).filter(Boolean);

/**
 * The model as the server takes it: optional words left empty dropped, amounts written as
 * `£1,234.00`, blank lines of a list removed, and an empty `budgets` left out. Forms keep
 * what is typed; this runs before each check and save.
 */
export function tidy(m: OperatingModel): OperatingModel {
  const allocation = money(m.budgets?.icb_allocation);
  return {
    ...m,
    name: m.name.trim(),
    illustrative: text(m.illustrative),
    organisations: m.organisations.map((o) => ({ ...o, name: o.name.trim(), code: text(o.code) })),
    board: {
      ...m.board,
      members: m.board.members.map((b) => ({ ...b, title: text(b.title), name: text(b.name) })),
    },
    committees: m.committees.map((c) => ({
      ...c,
      name: c.name.trim(),
      chair: text(c.chair),
      members: c.members.map((x) => ({ ...x, role: x.role.trim(), name: text(x.name) })),
    })),
    places: m.places.map((p) => ({
      ...p,
      name: p.name.trim(),
      budget: money(p.budget),
      partnership: {
        ...p.partnership,
        functions: lines(p.partnership.functions),
        members: p.partnership.members.map((x) => ({ ...x, note: text(x.note) })),
      },
    })),
    collaboratives: m.collaboratives.map((c) => ({
      ...c,
      name: c.name.trim(),
      budget: money(c.budget),
      functions: lines(c.functions),
    })),
    sord: m.sord.map((s) => ({
      ...s,
      decision: s.decision.trim(),
      limit: money(s.limit),
      conditions: text(s.conditions),
    })),
    budgets: allocation ? { icb_allocation: allocation } : undefined,
  };
}

/** An amount as the model stores it, `£25,000,000.00`; the text unchanged if it is not one. */
export function normalPounds(text: string): string {
  try {
    return formatPounds(parsePounds(text));
  } catch {
    return text;
  }
}

function poundsProblem(text: string | undefined, what: string): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    if (parsePounds(text) < 0) return `${what} must not be negative`;
    return undefined;
  } catch {
    return `${what} must be an amount in pounds, like £12,345,678.00`;
  }
}

const wholeNumber = (n: number) => Number.isInteger(n) && n > 0;

/** Collects messages against field ids. */
function collector() {
  const out: FieldError[] = [];
  const add = (message: string | undefined, ...path: Path) => {
    if (message) out.push({ field: fieldId(...path), message });
  };
  return { out, add };
}

export function detailsErrors(m: OperatingModel): FieldError[] {
  const { out, add } = collector();
  add(required(m.name, 'the name of the operating model'), 'name');
  add(isoDate(m.effective_from ?? '', 'the date the model takes effect'), 'effective_from');
  return out;
}

export function organisationErrors(o: Organisation, i: number): FieldError[] {
  const { out, add } = collector();
  add(required(o.name, 'the name of the organisation'), 'organisations', i, 'name');
  return out;
}

export function boardErrors(m: OperatingModel): FieldError[] {
  const { out, add } = collector();
  if (m.board.members.length === 0) add('Add at least one board member', 'board', 'members');
  if (m.board.quorum !== undefined && !wholeNumber(m.board.quorum))
    add('The quorum must be a whole number of members, like 6', 'board', 'quorum');
  return out;
}

export function committeeErrors(c: Committee, i: number, m: OperatingModel): FieldError[] {
  const { out, add } = collector();
  add(required(c.name, 'the name of the committee'), 'committees', i, 'name');
  if (c.quorum !== undefined && !wholeNumber(c.quorum))
    add('The quorum must be a whole number of members, like 4', 'committees', i, 'quorum');
  if (c.kind === 'sub-committee' && !c.reports_to)
    add('Choose the committee this sub-committee reports to', 'committees', i, 'reports_to');
  if (c.reports_to === c.id) add('A committee cannot report to itself', 'committees', i, 'reports_to');
  c.members.forEach((x, j) => {
    add(required(x.role, `the role of member ${j + 1}`), 'committees', i, 'members', j, 'role');
    if (!m.organisations.some((o) => o.id === x.organisation))
      add(
        `Choose the organisation member ${j + 1} comes from`,
        'committees',
        i,
        'members',
        j,
        'organisation',
      );
  });
  return out;
}

export function placeErrors(p: Place, i: number): FieldError[] {
  const { out, add } = collector();
  const form = p.partnership.form;
  add(required(p.name, 'the name of the place'), 'places', i, 'name');
  if (p.local_authorities.length === 0)
    add('Add the local authority the place covers', 'places', i, 'local_authorities');
  if (p.partnership.members.length === 0)
    add('Add at least one member of the partnership', 'places', i, 'partnership', 'members');
  if ((form === 'icb-committee' || form === 'joint-committee') && !p.partnership.committee)
    add('Choose the committee that decides for the place', 'places', i, 'partnership', 'committee');
  if (form === 'lead-provider' && !p.partnership.lead_provider)
    add('Choose the lead provider', 'places', i, 'partnership', 'lead_provider');
  add(poundsProblem(p.budget, 'The budget'), 'places', i, 'budget');
  return out;
}

export function collaborativeErrors(c: Collaborative, i: number): FieldError[] {
  const { out, add } = collector();
  add(required(c.name, 'the name of the collaborative'), 'collaboratives', i, 'name');
  if (c.members.length === 0) add('Add at least one member trust', 'collaboratives', i, 'members');
  if (c.lead && !c.members.includes(c.lead))
    add('The lead must be one of the member trusts', 'collaboratives', i, 'lead');
  add(poundsProblem(c.budget, 'The budget'), 'collaboratives', i, 'budget');
  return out;
}

export function sordErrors(s: SordEntry, i: number): FieldError[] {
  const { out, add } = collector();
  add(required(s.decision, 'the decision, in words'), 'sord', i, 'decision');
  add(s.function ? undefined : 'Choose the function the decision is part of', 'sord', i, 'function');
  if (!s.decided_by) add('Choose who decides', 'sord', i, 'decided_by');
  else if (s.decided_by.startsWith('officer:') && !s.decided_by.slice('officer:'.length).trim())
    add('Enter the title of the officer who decides', 'sord', i, 'officer');
  add(poundsProblem(s.limit, 'The financial limit'), 'sord', i, 'limit');
  return out;
}

export function budgetErrors(m: OperatingModel): FieldError[] {
  const { out, add } = collector();
  add(poundsProblem(m.budgets?.icb_allocation, 'What the ICB holds'), 'budgets', 'icb_allocation');
  m.places.forEach((p, i) => add(poundsProblem(p.budget, `The budget of ${p.name}`), 'places', i, 'budget'));
  m.collaboratives.forEach((c, i) =>
    add(poundsProblem(c.budget, `The budget of ${c.name}`), 'collaboratives', i, 'budget'),
  );
  return out;
}

/** Every field problem in the model, each once: what stops it being checked or saved. */
export function modelErrors(m: OperatingModel): FieldError[] {
  const all = [
    ...detailsErrors(m),
    ...m.organisations.flatMap(organisationErrors),
    ...boardErrors(m),
    ...m.committees.flatMap((c, i) => committeeErrors(c, i, m)),
    ...m.places.flatMap(placeErrors),
    ...m.collaboratives.flatMap(collaborativeErrors),
    ...m.sord.flatMap(sordErrors),
    ...budgetErrors(m),
  ];
  return all.filter((e, i) => all.findIndex((x) => x.field === e.field) === i);
}
