import { type FormEvent, useState } from 'react';
import { formatDate } from '../../core/dates.ts';
import { ApiError } from '../api.ts';
import { ErrorSummary, type FieldError, Select, TextInput } from '../components/forms.tsx';
import { Refusal } from '../components/Refusal.tsx';
import { useRecordDecision } from '../endpoints.ts';
import { required } from '../validation.ts';

/** The decisions the rulebook reserves to commissioners (rulebook/system/decisions.yaml). */
const decisionKinds = [
  { value: 'approve-subcontract', text: 'Approve a subcontract' },
  { value: 'decide-ifr', text: 'Decide an individual funding request' },
  { value: 'terminate-contract', text: 'Terminate the contract' },
  { value: 'set-outcome-measures', text: 'Set outcome measures' },
] as const;
type DecisionKind = (typeof decisionKinds)[number]['value'];

/**
 * Records a statutory commissioner decision; offered only to the commissioners party to the
 * arrangement (decisionTakers). Where the rule in force reserves a decision to the NHS
 * commissioner alone, the server refuses a council and names the rule, which is shown here.
 */
export function Decisions({ arrangementId }: { arrangementId: string }) {
  const [decision, setDecision] = useState<DecisionKind>('approve-subcontract');
  const [values, setValues] = useState({ subject: '', outcome: '', reason: '' });
  const [submitted, setSubmitted] = useState(false);
  const record = useRecordDecision(arrangementId);

  const errors = {
    subject: required(values.subject, 'what the decision is about'),
    outcome: required(values.outcome, 'the decision'),
    reason: required(values.reason, 'the reason for the decision'),
  };
  const show = (f: keyof typeof errors) => (submitted ? errors[f] : undefined);
  const summary: FieldError[] = submitted
    ? (Object.keys(errors) as (keyof typeof errors)[]).flatMap((f) =>
        errors[f] ? [{ field: `decision-${f}`, message: errors[f] }] : [],
      )
    : [];

  const refusal = record.error instanceof ApiError && record.error.status === 403 ? record.error : undefined;
  if (record.error && !refusal) summary.push({ field: '', message: record.error.message });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    record.mutate({ decision, ...values });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} />
      {refusal && <Refusal refusal={refusal} testId="refusal" />}
      {record.data && (
        <div className="nhsuk-inset-text" role="status">
          <p>
            Decision recorded on {formatDate(record.data.decided_at.slice(0, 10))} under rule{' '}
            <code>{record.data.rule}</code>.
          </p>
        </div>
      )}
      <Select
        id="decision-kind"
        label="Decision"
        value={decision}
        options={decisionKinds}
        onChange={setDecision}
      />
      <TextInput
        id="decision-subject"
        label="What it is about"
        hint="A subcontract id, an IFR reference or a service"
        value={values.subject}
        error={show('subject')}
        onChange={(subject) => setValues({ ...values, subject })}
      />
      <TextInput
        id="decision-outcome"
        label="The decision"
        hint="For example: approved, with a direct agreement"
        value={values.outcome}
        error={show('outcome')}
        onChange={(outcome) => setValues({ ...values, outcome })}
      />
      <TextInput
        id="decision-reason"
        label="Why"
        value={values.reason}
        error={show('reason')}
        onChange={(reason) => setValues({ ...values, reason })}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={record.isPending}>
        Record the decision
      </button>
    </form>
  );
}
