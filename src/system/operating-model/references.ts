import type { OperatingModel } from './model.ts';

export interface ReferenceProblem {
  path: (string | number)[];
  message: string;
}

/** Ids must be unique, and every reference must point at something the model declares. */
export function referenceProblems(m: OperatingModel): ReferenceProblem[] {
  const found: ReferenceProblem[] = [];
  const seen = new Set<string>(['board']);
  const declare = (id: string, path: (string | number)[]) => {
    if (seen.has(id))
      found.push({ path, message: `the id '${id}' is used twice; ids must be unique in the file` });
    seen.add(id);
  };
  m.organisations.forEach((o, i) => declare(o.id, ['organisations', i, 'id']));
  m.committees.forEach((c, i) => declare(c.id, ['committees', i, 'id']));
  m.places.forEach((p, i) => declare(p.id, ['places', i, 'id']));
  m.collaboratives.forEach((c, i) => declare(c.id, ['collaboratives', i, 'id']));
  m.sord.forEach((s, i) => declare(s.id, ['sord', i, 'id']));

  const organisations = new Set(m.organisations.map((o) => o.id));
  const committees = new Set(m.committees.map((c) => c.id));
  const deciders = new Set([
    'board',
    ...committees,
    ...m.places.map((p) => p.id),
    ...m.collaboratives.map((c) => c.id),
  ]);
  const refer = (id: string | undefined, among: Set<string>, what: string, path: (string | number)[]) => {
    if (id !== undefined && !among.has(id))
      found.push({
        path,
        message: `'${id}' is not one of the ${what} in this file (${[...among].join(', ')})`,
      });
  };

  m.board.members.forEach((b, i) =>
    b.nominated_by?.forEach((o, j) =>
      refer(o, organisations, 'organisations', ['board', 'members', i, 'nominated_by', j]),
    ),
  );
  m.committees.forEach((c, i) => {
    refer(c.reports_to, committees, 'committees', ['committees', i, 'reports_to']);
    c.organisations.forEach((o, j) =>
      refer(o, organisations, 'organisations', ['committees', i, 'organisations', j]),
    );
    c.members.forEach((mem, j) =>
      refer(mem.organisation, organisations, 'organisations', [
        'committees',
        i,
        'members',
        j,
        'organisation',
      ]),
    );
  });
  m.places.forEach((p, i) => {
    p.local_authorities.forEach((o, j) =>
      refer(o, organisations, 'organisations', ['places', i, 'local_authorities', j]),
    );
    p.partnership.members.forEach((mem, j) =>
      refer(mem.organisation, organisations, 'organisations', [
        'places',
        i,
        'partnership',
        'members',
        j,
        'organisation',
      ]),
    );
    refer(p.partnership.committee, committees, 'committees', ['places', i, 'partnership', 'committee']);
    refer(p.partnership.lead_provider, organisations, 'organisations', [
      'places',
      i,
      'partnership',
      'lead_provider',
    ]);
    const form = p.partnership.form;
    if ((form === 'icb-committee' || form === 'joint-committee') && !p.partnership.committee)
      found.push({
        path: ['places', i, 'partnership', 'committee'],
        message: `a place whose form is ${form} must name its committee`,
      });
    if (form === 'lead-provider' && !p.partnership.lead_provider)
      found.push({
        path: ['places', i, 'partnership', 'lead_provider'],
        message: 'a lead-provider place must name its lead provider',
      });
  });
  m.collaboratives.forEach((c, i) => {
    c.members.forEach((o, j) =>
      refer(o, organisations, 'organisations', ['collaboratives', i, 'members', j]),
    );
    if (c.lead && !c.members.includes(c.lead))
      found.push({
        path: ['collaboratives', i, 'lead'],
        message: `the lead '${c.lead}' must be one of the collaborative's members`,
      });
  });
  m.sord.forEach((s, i) => {
    if (!s.decided_by.startsWith('officer:'))
      refer(s.decided_by, deciders, 'board, committees, places or collaboratives', ['sord', i, 'decided_by']);
    s.jointly_with.forEach((o, j) =>
      refer(o, organisations, 'organisations', ['sord', i, 'jointly_with', j]),
    );
    refer(s.contract_with, organisations, 'organisations', ['sord', i, 'contract_with']);
  });
  return found;
}
