/**
 * Shapes the API sends. The arrangement and the check report are the rulebook's own types
 * (type-only imports, so none of the law's code reaches the browser bundle).
 */
import type { Arrangement } from '../law/arrangement.ts';
import type { CheckReport } from '../law/check.ts';
import type { Finding } from '../law/finding.ts';
import type { operations } from './openapi.generated.ts';

export type { Arrangement, CheckReport, Finding };

/** The JSON an operation answers with (200 unless said), as the server's OpenAPI document describes it. */
export type Answer<Op extends keyof operations, Status extends number = 200> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer T } }>
    ? T
    : never;

/** The JSON body an operation takes, as the server's OpenAPI document describes it. */
export type RequestBody<Op extends keyof operations> = NonNullable<
  operations[Op]['requestBody']
>['content']['application/json'];

export type User = Answer<'whoAmI'>;

/** A stored arrangement; its document is typed as the rulebook's own arrangement. */
export type StoredArrangement = Omit<Answer<'getArrangement'>, 'document'> & { document: Arrangement };
export type ArrangementSummary = Answer<'listArrangements'>['items'][number];

/** An arrangement's budget report (`concordat budget --format json`, with the practices' list sizes). */
export type BudgetReport = Answer<'getBudget'>;
/** An amount in a report and, when explained, how it was reached. */
export type ReportFigure = BudgetReport['budget']['pooled'];
