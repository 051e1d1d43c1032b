import { expect, it } from 'vitest';
import { seedDemoOperatingModel } from './demo-operating-model.ts';
import { listOperatingModels } from './operating-models.ts';
import { describeOnBothDatabases } from './test-databases.ts';

describeOnBothDatabases('demo operating model', (store) => {
  it('stores NHS Black Country ICB’s model once, with its place budgets entered', async () => {
    const { db } = store();
    expect(await seedDemoOperatingModel(db)).toBe(true);
    expect(await seedDemoOperatingModel(db)).toBe(false);
    const [model] = await listOperatingModels(db, 'QUA');
    expect(model?.document.places.map((p) => [p.name, p.budget])).toEqual([
      ['Dudley', '£690,000,000.00'],
      ['Sandwell', '£760,000,000.00'],
      ['Walsall', '£640,000,000.00'],
      ['Wolverhampton', '£600,000,000.00'],
    ]);
    expect(model?.document.budgets).toEqual({ icb_allocation: '£2,932,000,000.00' });
  });
});
