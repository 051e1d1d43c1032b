import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { withBudgetsEntered } from '../system/operating-model/budgets.ts';
import { readOperatingModelFile } from '../system/operating-model/file.ts';
import { createOperatingModel } from './operating-models.ts';
import type { Database } from './schema.ts';

/** NHS Black Country ICB's illustrative operating model, shipped in examples/. */
const demoModelFile = fileURLToPath(
  new URL('../../examples/operating-models/black-country.yaml', import.meta.url),
);

/**
 * Stores the demo operating model unless NHS Black Country ICB already has one (so an edited
 * model is never replaced). Its place budgets come from the saved place grouping file and are
 * written into the stored model. Says whether it stored it.
 */
export async function seedDemoOperatingModel(db: Kysely<Database>): Promise<boolean> {
  const existing = await db
    .selectFrom('operating_models')
    .select('id')
    .where('icb', '=', 'QUA')
    .executeTakeFirst();
  if (existing) return false;
  const { model, budgets } = readOperatingModelFile(demoModelFile);
  await createOperatingModel(
    db,
    withBudgetsEntered(model, budgets),
    { userId: null, label: 'concordat start (demo)' },
    'Demo: NHS Black Country ICB operating model (examples/operating-models/black-country.yaml)',
  );
  return true;
}
