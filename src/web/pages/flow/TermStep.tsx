import { findingsAt } from '../../arrangement-steps.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { Checkbox } from '../../components/forms.tsx';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';

type Term = NonNullable<StepProps['draft']['term']>;

export function TermStep({ draft, change, errorFor, findings }: StepProps) {
  const term: Term = draft.term ?? { start: '', end: '' };
  /** The term as typed; with both dates empty there is no term yet. */
  const set = (next: Term) => {
    const { term: _old, ...rest } = draft;
    change(next.start === '' && next.end === '' && !next.exit_arrangements ? rest : { ...draft, term: next });
  };
  return (
    <>
      <p>
        The first and last day of the arrangement. Leave both empty if the term is not agreed yet; the check
        then cannot say whether it is longer than the national guidance contemplates.
      </p>
      <DateInput
        id="term-start"
        legend="It starts on"
        hint="For example, 1 4 2027"
        value={term.start}
        error={errorFor('term', 'start')}
        onChange={(start) => set({ ...term, start })}
      />
      <PlacedFindings about="term-start" findings={findingsAt(findings, 'term', 'start')} />
      <DateInput
        id="term-end"
        legend="It ends on"
        hint="For example, 31 3 2032"
        value={term.end}
        error={errorFor('term', 'end')}
        onChange={(end) => set({ ...term, end })}
      />
      <PlacedFindings about="term-end" findings={findingsAt(findings, 'term', 'end')} />
      <div data-testid="exit-arrangements">
        <div className="nhsuk-checkboxes nhsuk-u-margin-bottom-3">
          <Checkbox
            id="term-exit_arrangements"
            label="Detailed exit arrangements are agreed (moving the services to a new provider, and the money if it ends early)"
            checked={term.exit_arrangements ?? false}
            onChange={(exit_arrangements) => set({ ...term, exit_arrangements })}
          />
        </div>
        <PlacedFindings
          about="term-exit_arrangements"
          findings={findingsAt(findings, 'term', 'exit_arrangements')}
        />
      </div>
    </>
  );
}
