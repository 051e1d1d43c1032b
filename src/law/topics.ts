/** Topics are the folders of the rulebook; scenarios are worked cases, not rules. */
export const topics = ['functions', 'pooling', 'contract', 'system', 'parameters', 'lifecycle'] as const;
export type Topic = (typeof topics)[number];
