import type { ApiError } from '../api.ts';

/**
 * The server refused an action (403 or 422): what it said, the rule it refused under and the
 * rule's sources, as an NHS warning callout. `testId` names it and its sources for tests.
 */
export function Refusal({ refusal, testId }: { refusal: ApiError; testId: string }) {
  const { title, rule, citations } = refusal.problem;
  return (
    <div className="nhsuk-warning-callout" data-testid={testId}>
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {title ?? 'Not allowed'}
        </span>
      </h3>
      <p>{refusal.message}</p>
      {rule && (
        <p className="nhsuk-body-s">
          Rule <code>{rule}</code>
        </p>
      )}
      {citations && citations.length > 0 && (
        <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s" data-testid={`${testId}-sources`}>
          {citations.map((c) => (
            <li key={c.text}>{c.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
