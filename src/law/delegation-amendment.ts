import type { IsoDate } from './date.ts';
import type { Rulebook, RuleVersion } from './rulebook.ts';

const noteRule = 'pooling.note.delegation-amendment';
const note = 2;

/** Whether note 2 of the 2018 Annex B reaches a model, and the table's row for that model. */
export interface AmendmentReach {
  serves: boolean;
  /** The smallest row whose services cover the model's, if the table has one. */
  row: { rule: string; version: RuleVersion<'annex-b-cell'> } | undefined;
  /** The care models whose row refers to the note (A and B in 2018). */
  servedModels: string[];
}

/**
 * Note 2 of the 2018 Annex B (NHS England may amend the Delegation Agreement, case by case
 * for early ICP sites, so GP money can be pooled) is referred to only from the rows whose
 * pooling column says "generally not possible ... but see note 2": configurations A and B.
 * Configuration E says GP money is ring-fenced and F that pooling it "is not possible", with
 * no reference to the note. A model's row is the smallest row in force whose service groups
 * cover the model's; services outside every integrated budget are left aside.
 * Undefined when the note is not in force on the date.
 */
export function delegationAmendmentReach(
  rulebook: Rulebook,
  services: readonly string[],
  on: IsoDate,
): AmendmentReach | undefined {
  const entry = rulebook.entries.get(noteRule);
  if (!entry || !rulebook.versionOn(entry, on)) return undefined;
  const groupOf = (service: string) =>
    rulebook.require(`pooling.service.${service}`, on, 'pooling-service').group;
  const wanted = new Set(services.map(groupOf).filter((g) => g !== 'nhs-england-direct'));
  const rows = rulebook
    .inForce('annex-b-cell', on)
    .filter(({ version }) => version.notes !== undefined)
    .map(({ entry, version }) => ({
      rule: entry.id,
      version,
      groups: new Set(version.services.map(groupOf)),
    }));
  const servedModels = rows.filter((r) => r.version.notes?.includes(note)).map((r) => r.version.care_model);
  const row = rows
    .filter((r) => [...wanted].every((g) => r.groups.has(g)))
    .sort((a, b) => a.groups.size - b.groups.size)[0];
  return {
    serves: row?.version.notes?.includes(note) ?? false,
    row: row && { rule: row.rule, version: row.version },
    servedModels: [...new Set(servedModels)].sort(),
  };
}

/** "configuration F" or "a model no configuration of the table describes", for messages. */
export function rowWords(reach: AmendmentReach): string {
  return reach.row
    ? `configuration ${reach.row.version.care_model}`
    : 'a model that no configuration of the table describes';
}
