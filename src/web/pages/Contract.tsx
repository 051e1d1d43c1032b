import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react';
import type { ContractReport } from '../../contracts/replay.ts';
import type { ContractState, TimelineEntry } from '../../contracts/state.ts';
import { formatDate, isIsoDate, today as todayInEngland } from '../../core/dates.ts';
import { formatPounds } from '../../core/money.ts';
import { ApiError } from '../api.ts';
import { DateInput } from '../components/DateInput.tsx';
import { Downloads, PaperButton, type Resource } from '../components/Downloads.tsx';
import { ErrorSummary, type FieldError } from '../components/forms.tsx';
import { Link } from '../components/Link.tsx';
import { RuleSource } from '../components/RuleSource.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useContracts, useReplayContract } from '../endpoints.ts';
import { formatCount } from '../format.ts';
import { phaseNames, statusTags, Tag } from './contract-labels.tsx';

/** The example contracts in examples/contracts, loaded only when chosen. */
const examples = [
  {
    id: 'dudley-icp',
    title: 'Dudley ICP Contract, from advert to exit (illustrative)',
    load: () => import('../../../examples/contracts/dudley-icp.yaml?raw'),
  },
  {
    id: 'gp-federation-refused-events',
    title: 'A GP federation ICP Contract with events the rules refuse (illustrative)',
    load: () => import('../../../examples/contracts/gp-federation-refused-events.yaml?raw'),
  },
];

const outcomeTags: Record<TimelineEntry['outcome'], { text: string; colour: string }> = {
  applied: { text: 'Applied', colour: 'green' },
  refused: { text: 'Refused', colour: 'red' },
  automatic: { text: 'Automatic', colour: 'blue' },
};

export function Contract() {
  const [text, setText] = useState('');
  const [on, setOn] = useState(todayInEngland());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const replay = useReplayContract();

  const choose = async (event: ChangeEvent<HTMLSelectElement>) => {
    const example = examples.find((e) => e.id === event.target.value);
    if (example) setText((await example.load()).default);
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!isIsoDate(on)) found.push({ field: 'on', message: 'Enter a real date to replay the contract to' });
    let contract: unknown;
    if (text.trim() === '')
      found.push({ field: 'contract', message: 'Paste, upload or choose a contract file' });
    else {
      try {
        // JSON is YAML too, so one parser reads both. Loaded here, not with the app.
        const { parse } = await import('yaml');
        contract = parse(text);
      } catch (e) {
        found.push({
          field: 'contract',
          message: `The contract file is not YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0] : e}`,
        });
      }
    }
    setErrors(found);
    if (found.length > 0) return;
    replay.mutate(
      { contract, on },
      {
        onError: (e) =>
          setErrors(
            e instanceof ApiError
              ? e.fieldErrors().map((f) => ({
                  field: 'contract',
                  message: f.field
                    ? `${f.field.replace(/^body\/contract\/?/, '') || 'file'}: ${f.message}`
                    : f.message,
                }))
              : [{ field: 'contract', message: e.message }],
          ),
      },
    );
  };

  const fieldError = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <>
      <h1>Contracts</h1>
      <StoredContracts />
      <h2 className="nhsuk-heading-l">Replay a contract file</h2>
      <p>
        Replay an ICP Contract's events against the rules to see where it stands on a date: its life so far,
        what it subcontracts, which GP practices are integrated, what is due, how it is performing, and every
        event the rules refused, with the rule and its sources. Nothing is saved.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="example">
            Choose an example
          </label>
          <select className="nhsuk-select" id="example" defaultValue="" onChange={choose}>
            <option value="">None</option>
            {examples.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="upload">
            Or upload a contract file
          </label>
          <input
            className="nhsuk-file-upload"
            id="upload"
            type="file"
            accept=".yaml,.yml,.json"
            onChange={upload}
          />
        </div>
        <div className={`nhsuk-form-group${fieldError('contract') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="contract">
            Contract file (YAML or JSON)
          </label>
          <div className="nhsuk-hint" id="contract-hint">
            The particulars and the dated events, as in examples/contracts (docs/contracts.md describes the
            format)
          </div>
          {fieldError('contract') && (
            <span className="nhsuk-error-message" id="contract-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {fieldError('contract')}
            </span>
          )}
          <textarea
            className={`nhsuk-textarea${fieldError('contract') ? ' nhsuk-textarea--error' : ''}`}
            id="contract"
            rows={12}
            spellCheck={false}
            aria-describedby={`contract-hint${fieldError('contract') ? ' contract-error' : ''}`}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <DateInput
          id="on"
          legend="Replay to"
          hint="For example, 30 6 2026"
          value={on}
          error={fieldError('on')}
          onChange={setOn}
        />
        <button type="submit" className="nhsuk-button" disabled={replay.isPending}>
          Replay the contract
        </button>
      </form>
      {replay.data && errors.length === 0 && (
        <Replayed
          report={replay.data}
          resource={{ path: '/api/contracts/replay', post: { body: replay.variables } }}
        />
      )}
    </>
  );
}

/** Contracts kept in Concordat, each opened to its report and the form to record its next event. */
function StoredContracts() {
  const list = useContracts();
  return (
    <section data-testid="stored-contracts">
      <h2 className="nhsuk-heading-l">Stored contracts</h2>
      <p>Contracts kept in Concordat. Open one to see it on a date and record what happens next.</p>
      {list.isPending && <p>Loading…</p>}
      {list.error && <p className="nhsuk-error-message">{list.error.message}</p>}
      {list.data?.length === 0 && <p>No contracts are stored yet.</p>}
      {list.data && list.data.length > 0 && (
        <ScrollBox label="Table">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Stored contracts</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Contract</th>
                <th scope="col">Provider</th>
                <th scope="col">Term</th>
                <th scope="col">Today</th>
                <th scope="col">Events</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {list.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/contracts/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </td>
                  <td>{c.provider}</td>
                  <td>
                    {formatDate(c.start)} to {formatDate(c.end)}
                  </td>
                  <td>{phaseNames[c.phase]}</td>
                  <td>{formatCount(c.events)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}

/** A contract's report on a date: where it stands, what was refused, its timeline, calendar, practices, subcontracts and performance. */
export function Replayed({
  report,
  resource,
  paper,
}: {
  report: ContractReport;
  /** Where the report came from: each table downloads from the same answer. */
  resource: Resource;
  paper?: Resource | undefined;
}) {
  const { state } = report;
  const download = (what: string, table: string) => (
    <Downloads what={what} table={table} resource={resource} />
  );
  return (
    <div data-testid="contract-report">
      <h2 className="nhsuk-heading-l">
        {report.contract} on {formatDate(report.on)}
      </h2>
      <p data-testid="phase">
        <Tag text={phaseNames[state.phase]} colour={state.phase === 'live' ? 'green' : 'blue'} /> since{' '}
        {formatDate(state.phases.at(-1)?.from ?? report.on)}. Provider: {state.particulars.provider.name}.
        Term {formatDate(state.particulars.start)} to {formatDate(state.particulars.end)}.
      </p>
      {paper && <PaperButton resource={paper} />}
      <Refusals refusals={state.refusals} />
      <Timeline entries={state.timeline} download={download('the timeline', 'timeline')} />
      <Calendar report={report} download={download('the compliance calendar', 'obligations')} />
      <Practices report={report} download={download('GP practices', 'practices')} />
      <Subcontracts state={state} download={download('subcontracts', 'subcontracts')} />
      <Performance
        report={report}
        downloads={[
          download('indicators', 'performance'),
          download('breaches and remedial plans', 'remedial-plans'),
        ]}
      />
    </div>
  );
}

function Refusals({ refusals }: { refusals: ContractState['refusals'] }) {
  return (
    <section data-testid="refusals">
      <h2 className="nhsuk-heading-m">Refused events ({formatCount(refusals.length)})</h2>
      {refusals.length === 0 && <p>The rules allowed every event.</p>}
      <ol className="nhsuk-list">
        {refusals.map((r) => (
          <li key={r.index} className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-heading-s">
                {formatDate(r.on)}: {r.type} by the {r.by} (event {r.index + 1})
              </h3>
              <p>{r.reason}</p>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                <strong>{r.rule_title}</strong>
              </p>
              <RuleSource
                rule={r.rule}
                citations={r.citations}
                provenance={r.provenance}
                about={r.rule_title}
              />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Timeline({ entries, download }: { entries: TimelineEntry[]; download: ReactNode }) {
  return (
    <section data-testid="timeline">
      <h2 className="nhsuk-heading-m">Timeline</h2>
      {download}
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What happened</th>
              <th scope="col">Outcome</th>
              <th scope="col">Rule</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {entries.map((t, i) => (
              <tr key={`${t.on}:${i}`} data-outcome={t.outcome}>
                <td>{formatDate(t.on)}</td>
                <td>{t.summary}</td>
                <td>
                  <Tag {...outcomeTags[t.outcome]} />
                </td>
                <td>
                  <code>{t.rule}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

function Calendar({ report, download }: { report: ContractReport; download: ReactNode }) {
  return (
    <section data-testid="calendar">
      <h2 className="nhsuk-heading-m">Compliance calendar</h2>
      {download}
      {report.obligations.length === 0 && <p>Nothing has fallen due yet.</p>}
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Obligation</th>
              <th scope="col">Who</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {report.obligations.map((o) => (
              <tr key={`${o.rule}:${o.key}`}>
                <td>{formatDate(o.due)}</td>
                <td>
                  {o.title}
                  {o.key !== 'once' && ` (${o.key})`}
                  <RuleSource
                    rule={o.rule}
                    citations={o.citations}
                    provenance={o.provenance}
                    about={`${o.title}, due ${formatDate(o.due)}`}
                  />
                </td>
                <td>{o.who === 'provider' ? 'Provider' : 'Commissioners'}</td>
                <td>
                  <Tag {...statusTags[o.status]} />
                  {o.met_on && ` on ${formatDate(o.met_on)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

function Practices({ report, download }: { report: ContractReport; download: ReactNode }) {
  const { population, state } = report;
  return (
    <section data-testid="practices">
      <h2 className="nhsuk-heading-m">GP practices and the population served</h2>
      <p>
        {formatCount(population.total)} people on {formatDate(population.on)}:{' '}
        {formatCount(population.fully_integrated)} registered with fully integrated practices,{' '}
        {formatCount(population.partially_integrated)} with partially integrated practices and{' '}
        {formatCount(population.unregistered_residents)} unregistered residents of the area.
      </p>
      {download}
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Practice</th>
              <th scope="col">List size</th>
              <th scope="col">Integration</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {Object.values(state.practices).map((p) => (
              <tr key={p.ods}>
                <td>
                  {p.name} ({p.ods}){p.contract && `, ${p.contract.toUpperCase()} contract`}
                </td>
                <td>{formatCount(p.list_size)}</td>
                <td>
                  {p.periods.map((x) => (
                    <div key={`${x.mode}:${x.from}`}>
                      {x.mode === 'full' ? 'Fully integrated' : 'Partially integrated'} from{' '}
                      {formatDate(x.from)}
                      {x.to && ` to ${formatDate(x.to)}`}
                      {x.ended_by && ` (${x.ended_by.replaceAll('-', ' ')})`}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

function Subcontracts({ state, download }: { state: ContractState; download: ReactNode }) {
  const list = Object.values(state.subcontracts);
  return (
    <section data-testid="subcontracts">
      <h2 className="nhsuk-heading-m">Subcontracts</h2>
      {list.length === 0 ? (
        <p>None.</p>
      ) : (
        <>
          {download}
          <ScrollBox label="Table">
            <table className="nhsuk-table">
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Subcontractor</th>
                  <th scope="col">Services</th>
                  <th scope="col">Value</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {list.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.subcontractor}
                      {s.key && ' (key subcontract)'}
                    </td>
                    <td>{s.services.join(', ')}</td>
                    <td>{s.value_pence === undefined ? 'Not given' : formatPounds(s.value_pence)}</td>
                    <td>
                      {s.status.replaceAll('-', ' ')}; proposed {formatDate(s.proposed_on)}
                      {s.approved_on &&
                        `, approved ${formatDate(s.approved_on)}${s.approved_by ? ` by ${s.approved_by}` : ''}`}
                      {s.ended_on && `, ended ${formatDate(s.ended_on)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </>
      )}
    </section>
  );
}

function Performance({ report, downloads }: { report: ContractReport; downloads: [ReactNode, ReactNode] }) {
  const { state } = report;
  return (
    <section data-testid="performance">
      <h2 className="nhsuk-heading-m">Performance and remedial action</h2>
      <h3 className="nhsuk-heading-s">Indicators</h3>
      {state.indicator_results.length > 0 && downloads[0]}
      {state.indicator_results.length === 0 ? (
        <p>No indicator results recorded.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {state.indicator_results.map((r) => (
            <li key={`${r.indicator}:${r.year}`}>
              {r.indicator}, {r.year}: {r.value} against a target of {r.target} ({r.met ? 'met' : 'not met'}),
              incentive earned {formatPounds(r.incentive_pence)}
            </li>
          ))}
        </ul>
      )}
      {report.incentives.map((i) => (
        <p key={i.year}>
          {i.year}: {formatPounds(i.earned_pence)} of {formatPounds(i.available_pence)} incentive earned.
        </p>
      ))}
      <h3 className="nhsuk-heading-s">Breaches and remedial plans</h3>
      {Object.keys(state.remedial_plans).length > 0 && downloads[1]}
      {state.breaches.length === 0 && <p>No breaches recorded.</p>}
      <ul className="nhsuk-list nhsuk-list--bullet">
        {state.breaches.map((b) => (
          <li key={b.id}>
            {formatDate(b.on)}: {b.description} ({b.condition}
            {b.material ? ', material' : ''}
            {b.persistent ? ', persistent' : ''})
          </li>
        ))}
        {Object.values(state.remedial_plans).map((p) => (
          <li key={p.id}>
            Remedial plan agreed {formatDate(p.agreed_on)}, due {formatDate(p.due)}: {p.actions.join('; ')}.{' '}
            {p.completed_on
              ? `Completed ${formatDate(p.completed_on)}.`
              : p.due < report.on
                ? 'Overdue.'
                : 'Open.'}
          </li>
        ))}
        {state.withheld.map((w) => (
          <li key={`${w.plan}:${w.on}`}>
            {formatDate(w.on)}: {formatPounds(w.amount_pence)} of payment withheld under the remedial plan.
          </li>
        ))}
      </ul>
    </section>
  );
}
