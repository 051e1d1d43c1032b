import type { ApiError } from '../api.ts';
import { RuleSource } from './RuleSource.tsx';

/**
 * The server refused an action (403 or 422): what it said, then the rule it refused under
 * with the rule's sources and how far it was checked (RuleSource), as an NHS warning callout.
 * `testId` names it for tests.
 */
export function Refusal({ refusal, testId }: { refusal: ApiError; testId: string }) {
  const { title, rule, citations, provenance } = refusal.problem;
  return (
    <div className="nhsuk-warning-callout" data-testid={testId}>
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {title ?? 'Not allowed'}
        </span>
      </h3>
      <p>{refusal.message}</p>
      {rule && <RuleSource rule={rule} citations={citations ?? []} provenance={provenance} />}
    </div>
  );
}
