// Re-runs the comparison of the rulebook with the seed papers' text (src/law/seed-check.ts)
// and says whether each entry recorded as verified by it still holds.
//
//   npx tsx scripts/check-against-seeds.ts SEEDS_DIR
//
// SEEDS_DIR holds the seed papers named in rulebook/sources.yaml (`seed:`); they are not part
// of the repository. Exits 1 if a recorded verification no longer holds or names different
// places; lists the unverified entries the comparison would now verify, for a person to decide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { today } from '../src/law/date.ts';
import { defaultRulebookDir, readRulebook } from '../src/law/rulebook.ts';
import { compareEntry, provenanceFrom, scriptedRole } from '../src/law/seed-check.ts';
import { readSeedText, type SeedText } from '../src/law/seed-text.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: npx tsx scripts/check-against-seeds.ts SEEDS_DIR (the folder of the seed papers)');
  process.exit(2);
}
const rulebook = readRulebook(defaultRulebookDir);
const seeds = new Map<string, SeedText>();
for (const [id, source] of rulebook.sources) {
  if (source.seed) seeds.set(id, readSeedText(readFileSync(join(dir, source.seed), 'utf8')));
}

const problems: string[] = [];
const candidates: string[] = [];
let holding = 0;
for (const entry of rulebook.entries.values()) {
  const recorded = entry.provenance;
  const byScript =
    'verified' in recorded && recorded.verified.by_role === scriptedRole ? recorded.verified : undefined;
  const found = provenanceFrom(rulebook, entry, compareEntry(entry, seeds), byScript?.on ?? today());
  if (!byScript) {
    if ('unverified' in recorded && 'verified' in found) candidates.push(entry.id);
  } else if ('unverified' in found) problems.push(`${entry.id}: no longer holds. ${found.unverified}`);
  else if (found.verified.against !== byScript.against)
    problems.push(
      `${entry.id}: records "${byScript.against}" but the comparison finds "${found.verified.against}"`,
    );
  else holding++;
}

console.log(`${holding} entries verified by this comparison still hold.`);
if (candidates.length)
  console.log(`The comparison would now verify ${candidates.length}: ${candidates.join(', ')}`);
for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
