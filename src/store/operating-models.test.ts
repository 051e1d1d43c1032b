import { expect, it } from 'vitest';
import { readOperatingModelFile } from '../system/operating-model/file.ts';
import { listAudit, verifyAudit } from './audit.ts';
import { StaleVersion } from './errors.ts';
import {
  createOperatingModel,
  getOperatingModel,
  listOperatingModels,
  listOperatingModelVersions,
  updateOperatingModel,
} from './operating-models.ts';
import { describeOnBothDatabases } from './test-databases.ts';

const { model } = readOperatingModelFile('examples/operating-models/black-country.yaml');
const lead = { userId: null, label: 'governance lead' };

describeOnBothDatabases('stored operating models', (store) => {
  it('keeps every version and audits each change', async () => {
    const { db } = store();
    const created = await createOperatingModel(db, model, lead, 'first version');
    expect(created).toMatchObject({ icb: 'QUA', version: 1 });
    expect(created.parties).toContain('RBK');
    expect(created.parties).toContain('E08000030');
    const renamed = { ...model, name: 'Black Country operating model 2024/25' };
    const updated = await updateOperatingModel(db, created.id, 1, renamed, lead, 'renamed');
    expect(updated.version).toBe(2);
    expect((await getOperatingModel(db, created.id)).document.name).toBe(renamed.name);
    const versions = await listOperatingModelVersions(db, created.id);
    expect(versions.map((v) => [v.version, v.reason])).toEqual([
      [1, 'first version'],
      [2, 'renamed'],
    ]);
    expect(versions[0]?.document.name).toBe(model.name);
    const audit = await listAudit(db, { entity: 'operating-model', entityId: created.id });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect((await verifyAudit(db)).intact).toBe(true);
    expect((await listOperatingModels(db, 'QUA')).map((m) => m.id)).toContain(created.id);
    expect(await listOperatingModels(db, 'QHL')).toEqual([]);
  });

  it('refuses a stale version and a change of ICB, writing nothing', async () => {
    const { db } = store();
    const created = await createOperatingModel(db, model, lead, 'for the refusals');
    await updateOperatingModel(db, created.id, 1, model, lead, 'second');
    await expect(updateOperatingModel(db, created.id, 1, model, lead, 'late')).rejects.toBeInstanceOf(
      StaleVersion,
    );
    const moved = { ...model, icb: { ...model.icb, code: 'QHL' } };
    await expect(updateOperatingModel(db, created.id, 2, moved, lead, 'moved')).rejects.toThrow(
      /belongs to QUA/,
    );
    expect((await getOperatingModel(db, created.id)).version).toBe(2);
  });
});
