/**
 * The browser's field-by-field check of an arrangement being written. Field ids double as
 * the ids of the inputs (`funds-0-name`), so an error summary links to each one, and a
 * server problem or a finding about `funds[0].name` lands on the same input. The server
 * runs the full schema (src/law/arrangement.ts) again when the draft is checked or saved.
 */
import type { FieldError } from './components/forms.tsx';
import type { Arrangement } from './types.ts';
import { isoDate, pounds, required } from './validation.ts';

export function fieldId(...path: (string | number)[]): string {
  return path.join('-');
}

export function arrangementErrors(a: Arrangement): FieldError[] {
  const out: FieldError[] = [];
  const add = (message: string | undefined, ...path: (string | number)[]) => {
    if (message) out.push({ field: fieldId(...path), message });
  };
  const nth = (i: number) => `${i + 1}`;

  add(required(a.name, 'the name of the arrangement'), 'name');
  if (a.commissioners.length === 0) add('Add at least one commissioner', 'commissioners');
  if (a.providers.length === 0) add('Add at least one provider', 'providers');
  a.providers.forEach((p, i) =>
    add(required(p.name, `the name of provider ${nth(i)}`), 'providers', i, 'name'),
  );
  if (a.services.length === 0) add('Add at least one service', 'services');
  a.funds.forEach((f, i) => {
    add(required(f.name, `the name of fund ${nth(i)}`), 'funds', i, 'name');
    if (f.parties.length === 0) add(`Choose at least one partner in fund ${nth(i)}`, 'funds', i, 'parties');
    if (f.services.length === 0) add(`Choose at least one service in fund ${nth(i)}`, 'funds', i, 'services');
  });
  a.funding_streams.forEach((s, i) =>
    add(
      pounds(s.annual_value, `the annual value of funding stream ${nth(i)}`),
      'funding_streams',
      i,
      'annual_value',
    ),
  );
  a.subcontracts.forEach((s, i) => {
    add(required(s.subcontractor, `who subcontract ${nth(i)} is with`), 'subcontracts', i, 'subcontractor');
    if (s.services.length === 0)
      add(`Choose at least one service for subcontract ${nth(i)}`, 'subcontracts', i, 'services');
    if (s.value !== undefined)
      add(pounds(s.value, `the value of subcontract ${nth(i)}`), 'subcontracts', i, 'value');
  });
  if (a.term) {
    add(isoDate(a.term.start, 'the date the term starts'), 'term', 'start');
    add(isoDate(a.term.end, 'the date the term ends'), 'term', 'end');
    if (a.term.start && a.term.end && a.term.start > a.term.end)
      add('The term must end after it starts', 'term', 'end');
  }
  return out;
}

/** Server problem fields (`body/arrangement/commissioners/0/name`, or `commissioners[0].name`) → input ids. */
export function serverFieldId(path: string): string {
  return path
    .replace(/^\//, '')
    .replace(/^body[./]?/, '')
    .replace(/^arrangement[./]?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean)
    .join('-');
}
