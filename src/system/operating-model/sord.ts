import { formatPounds, parsePounds } from '../../core/money.ts';
import type { Rulebook } from '../../law/rulebook.ts';
import { deciderOf } from './check.ts';
import { functionTitle } from './functions.ts';
import type { OperatingModel } from './model.ts';

/** One row of the scheme of reservation and delegation, as a governance lead reads it. */
export interface SordRow {
  id: string;
  function: string;
  function_title: string;
  decision: string;
  decided_by: string;
  route: string;
  jointly_with: string;
  limit: string;
  conditions: string;
}

const routes: Record<string, string> = {
  board: 'Reserved to the board',
  'board-committee': 'Delegated to a committee of the board',
  'joint-committee': 'Joint committee',
  officer: 'Delegated to an officer',
  'nhs-trust': 'Delegated to a lead provider',
  'local-authority': 'Delegated to a local authority',
  advisory: 'Advisory body (cannot decide)',
  'not-a-body': 'Not a body that can take a delegation',
};

/** The SoRD as rows: function, decision, who decides and how, jointly with whom, limit, conditions. */
export function sordRows(rulebook: Rulebook, model: OperatingModel): SordRow[] {
  const orgName = (id: string) => model.organisations.find((o) => o.id === id)?.name ?? id;
  return model.sord.map((s, i) => {
    const decider = deciderOf(model, s.decided_by);
    return {
      id: s.id,
      function: s.function,
      function_title: functionTitle(rulebook, s.function),
      decision: s.decision,
      decided_by: decider.name,
      route: routes[decider.kind] ?? decider.kind,
      jointly_with: s.jointly_with.map(orgName).join('; '),
      limit: s.limit ? formatPounds(parsePounds(s.limit, `sord[${i}].limit`)) : '',
      conditions: s.conditions ?? '',
    };
  });
}

/** Plain text, one block per decision, for reading in a terminal. */
export function sordText(model: OperatingModel, rows: SordRow[]): string {
  const blocks = rows.map((r) =>
    [
      `${r.decision}`,
      `  Function:     ${r.function_title}`,
      `  Decided by:   ${r.decided_by} (${r.route.toLowerCase()})`,
      ...(r.jointly_with ? [`  Jointly with: ${r.jointly_with}`] : []),
      ...(r.limit ? [`  Limit:        ${r.limit}`] : []),
      ...(r.conditions ? [`  Conditions:   ${r.conditions}`] : []),
    ].join('\n'),
  );
  return `Scheme of reservation and delegation: ${model.name}\n\n${blocks.join('\n\n')}\n`;
}
