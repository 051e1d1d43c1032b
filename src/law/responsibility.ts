import { InvalidInput } from '../core/errors.ts';
import { type ActionStanding, activitiesInForce, activitySlug, resolveActivities } from './activities.ts';
import type { Arrangement } from './arrangement.ts';
import { functionsChecks } from './checks/functions.ts';
import { formatDate, type IsoDate } from './date.ts';
import type { Severity } from './finding.ts';
import type { ProviderSupport } from './kinds/functions.ts';
import type { Rulebook, RuleVersion } from './rulebook.ts';
import type { Provenance } from './schema.ts';

/**
 * The responsibility matrix: each commissioning activity in force on a date against each
 * party to an arrangement. The NHS commissioner (CCG or ICB) is responsible for every
 * activity, because its functions cannot be delegated; each provider's cell shows what the
 * arrangement says it does, and each row carries the findings the functions checks make
 * about it.
 */

export type PartyRole = 'responsible' | 'supports' | 'none';

export interface MatrixParty {
  id: string;
  name: string;
  side: 'commissioner' | 'provider';
}

export interface MatrixCell {
  role: PartyRole;
  /** False when the arrangement does not mention this activity for this party. */
  recorded: boolean;
  actions: { id: string; label: string; standing: ActionStanding }[];
  scope?: 'own-services' | 'whole-area' | undefined;
  cost_bearer?: 'commissioner' | 'provider' | 'shared' | 'not-agreed' | undefined;
}

export interface MatrixRow {
  activity: string;
  rule: string;
  title: string;
  category: string;
  subcategory: string;
  row: number | null;
  in_force: boolean;
  provider_may_support: ProviderSupport | null;
  cells: Record<string, MatrixCell>;
  findings: { rule: string; severity: Severity; message: string; path: string }[];
  citations: string[];
  /** How far the activity's rule was checked against its sources. */
  provenance: Provenance;
}

export interface ResponsibilityMatrix {
  arrangement: string;
  on: IsoDate;
  parties: MatrixParty[];
  rows: MatrixRow[];
  counts: Record<Severity, number>;
}

/** Citation texts per rule version; the rulebook is loaded once and never changes. */
const citationText = new WeakMap<object, string[]>();
function citationsOf(rulebook: Rulebook, version: RuleVersion): string[] {
  let texts = citationText.get(version);
  if (!texts) {
    texts = rulebook.resolve(version.cite).map((c) => c.text);
    citationText.set(version, texts);
  }
  return texts;
}

/** The commissioners whose functions Annex A lists: CCGs, or ICBs after 30 June 2022. */
function commissionerParties(arrangement: Arrangement): MatrixParty[] {
  const nhs = arrangement.commissioners.filter((c) => c.kind === 'ccg' || c.kind === 'icb');
  return (nhs.length ? nhs : arrangement.commissioners).map((c) => ({
    id: c.id,
    name: c.name,
    side: 'commissioner',
  }));
}

export function responsibilityMatrix(
  rulebook: Rulebook,
  arrangement: Arrangement,
  on: IsoDate,
): ResponsibilityMatrix {
  const inForce = activitiesInForce(rulebook, on);
  if (inForce.length === 0) {
    // Like check and pooling: a date no version of Annex A covers is bad input, not an empty matrix.
    const starts = [...rulebook.entries.values()]
      .filter((e) => e.kind === 'commissioning-activity')
      .flatMap((e) => e.versions.map((v) => v.from))
      .sort();
    throw new InvalidInput(
      'on',
      `no version of Annex A (commissioning activities) covers ${formatDate(on)}`,
      starts[0] ? `Its versions cover ${formatDate(starts[0])} to today.` : undefined,
    );
  }
  const ctx = { rulebook, arrangement, on };
  const findings = functionsChecks.flatMap((check) => check(ctx));
  const resolved = resolveActivities(rulebook, arrangement, on);
  const commissioners = commissionerParties(arrangement);
  const parties: MatrixParty[] = [
    ...commissioners,
    ...arrangement.providers.map((p) => ({ id: p.id, name: p.name, side: 'provider' as const })),
  ];

  const notInForce = resolved
    .filter((r) => !r.version)
    .map((r) => ({ entry: r.entry, version: r.nearest }))
    .filter((x, i, all) => all.findIndex((y) => y.entry.id === x.entry.id) === i);

  const rows = [...inForce, ...notInForce].map(({ entry, version }): MatrixRow => {
    const mine = resolved.filter((r) => r.entry.id === entry.id);
    const cells: Record<string, MatrixCell> = {};
    for (const c of commissioners) cells[c.id] = { role: 'responsible', recorded: true, actions: [] };
    for (const p of arrangement.providers) {
      const r = mine.find((x) => x.provider.id === p.id);
      cells[p.id] = r
        ? {
            role: r.assignment.provider_role,
            recorded: true,
            actions: r.actions,
            scope: r.assignment.scope,
            cost_bearer: r.assignment.cost_bearer,
          }
        : { role: 'none', recorded: false, actions: [] };
    }
    const paths = mine.map((r) => `activities[${r.index}]`);
    const about = findings.filter((f) => paths.some((p) => f.path === p || f.path.startsWith(`${p}.`)));
    const current = rulebook.versionOn(entry, on);
    return {
      activity: activitySlug(entry.id),
      rule: entry.id,
      title: entry.title,
      category: version.category,
      subcategory: version.subcategory,
      row: current?.row ?? null,
      in_force: current !== undefined,
      provider_may_support: current?.provider_may_support ?? null,
      cells,
      findings: about.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, path: f.path })),
      citations: citationsOf(rulebook, version),
      provenance: entry.provenance,
    };
  });

  const counts = { error: 0, warning: 0, information: 0 };
  for (const row of rows) for (const f of row.findings) counts[f.severity]++;
  return { arrangement: arrangement.name, on, parties, rows, counts };
}
