/**
 * The browser's field-by-field check of an arrangement being edited. Field ids double as
 * the ids of the inputs (`commissioners-0-name`), so the error summary links to each one.
 * The server runs the full schema (src/law/arrangement.ts) again on save.
 */
import type { FieldError } from './components/forms.tsx';
import type { Arrangement } from './types.ts';
import { id, isoDate, pounds, practiceCode, required } from './validation.ts';

export function fieldId(...path: (string | number)[]): string {
  return path.join('-');
}

export function arrangementErrors(a: Arrangement): FieldError[] {
  const out: FieldError[] = [];
  const add = (message: string | undefined, ...path: (string | number)[]) => {
    if (message) out.push({ field: fieldId(...path), message });
  };
  const nth = (i: number) => `${i + 1}`;

  add(required(a.name, 'the arrangement name'), 'name');
  a.commissioners.forEach((c, i) => {
    add(required(c.name, `the name of commissioner ${nth(i)}`), 'commissioners', i, 'name');
    add(id(c.id, `the id of commissioner ${nth(i)}`), 'commissioners', i, 'id');
  });
  a.providers.forEach((p, i) => {
    add(required(p.name, `the name of provider ${nth(i)}`), 'providers', i, 'name');
    add(id(p.id, `the id of provider ${nth(i)}`), 'providers', i, 'id');
  });
  const parties = new Set([...a.commissioners.map((c) => c.id), ...a.providers.map((p) => p.id)]);
  const seen = new Set<string>();
  for (const [i, party] of [...a.commissioners, ...a.providers].entries()) {
    const isCommissioner = i < a.commissioners.length;
    const index = isCommissioner ? i : i - a.commissioners.length;
    if (seen.has(party.id))
      add(
        `The id ${party.id} is used twice; give each party its own id`,
        isCommissioner ? 'commissioners' : 'providers',
        index,
        'id',
      );
    seen.add(party.id);
  }
  a.subcontracts.forEach((s, i) => {
    add(
      required(s.subcontractor, `the subcontractor of subcontract ${nth(i)}`),
      'subcontracts',
      i,
      'subcontractor',
    );
    if (s.value !== undefined)
      add(pounds(s.value, `the value of subcontract ${nth(i)}`), 'subcontracts', i, 'value');
    if (s.approved_by && !parties.has(s.approved_by))
      add(
        `Subcontract ${nth(i)} is approved by ${s.approved_by}, who is not a party`,
        'subcontracts',
        i,
        'approved_by',
      );
  });
  a.gp_practices.forEach((g, i) => add(practiceCode(g.ods), 'gp_practices', i, 'ods'));
  a.funding_streams.forEach((s, i) =>
    add(
      pounds(s.annual_value, `the annual value of funding stream ${nth(i)}`),
      'funding_streams',
      i,
      'annual_value',
    ),
  );
  if (a.term) {
    add(isoDate(a.term.start, 'the start of the term'), 'term', 'start');
    add(isoDate(a.term.end, 'the end of the term'), 'term', 'end');
    if (a.term.start > a.term.end) add('The term must end after it starts', 'term', 'end');
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
