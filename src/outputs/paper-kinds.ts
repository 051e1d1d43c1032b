/** The board papers Concordat writes (docs/outputs.md). */
export const paperKinds = ['lawfulness', 'budget', 'allocation', 'contract', 'population'] as const;
export type PaperKind = (typeof paperKinds)[number];
