import { formatDate } from '../../core/dates.ts';
import type { Cited } from '../../law/pooling-plan.ts';
import { Downloads, type Resource } from '../components/Downloads.tsx';
import { RuleSource } from '../components/RuleSource.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { usePooling } from '../endpoints.ts';

const mechanismWords: Record<string, string> = {
  's75-pooled-fund': 'A pooled fund under section 75 of the NHS Act 2006',
  's14z3a-pooled-fund': 'A pooled fund between CCGs (NHS Act 2006 s14Z3A)',
  's65z6-pooled-fund': 'A pooled fund for a joint arrangement (NHS Act 2006 s65Z6)',
  'aligned-budgets': 'Aligned budgets',
  'parallel-budgets': 'Parallel budgets',
  'joint-exercise': 'Joint exercise of functions',
};

const partyWords: Record<string, string> = {
  ccg: 'Clinical commissioning group',
  icb: 'Integrated care board',
  'nhs-england': 'NHS England',
  'local-authority': 'Local authority',
  'combined-authority': 'Combined authority',
  'nhs-trust': 'NHS trust',
  'nhs-foundation-trust': 'NHS foundation trust',
};
const party = (kind: string) => partyWords[kind] ?? kind;

/** Statements with a reason, sources and provenance: ring-fenced and excluded money, problems, conditions. */
function CitedList({
  heading,
  items,
  title,
  testId,
}: {
  heading: string;
  items: (Cited & { service?: string })[];
  title: (service: string) => string;
  testId: string;
}) {
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="nhsuk-heading-s">{heading}</h3>
      <ul className="nhsuk-list" data-testid={testId}>
        {items.map((item, i) => (
          <li key={`${item.rule}:${item.service ?? i}`}>
            {item.service && <strong>{title(item.service)}: </strong>}
            {item.message}
            <RuleSource
              rule={item.rule}
              citations={item.citations}
              provenance={item.provenance}
              about={item.service ? title(item.service) : heading}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * How the arrangement's commissioners can commission and pool the money for its services
 * on the date: possible or not, the mechanism, each fund with its parties and services, and
 * the money that must stay outside a pool, each with its reason and sources.
 */
export function PoolingPlanSection({ id, on, enabled }: { id: string; on: string; enabled: boolean }) {
  const pooling = usePooling(id, on, enabled);
  if (!enabled) return null;
  if (pooling.isPending) return <p>Planning the pooled budget on {formatDate(on)}…</p>;
  if (pooling.error) return <p className="nhsuk-error-message">{pooling.error.message}</p>;
  const plan = pooling.data;
  const titles = new Map(plan.service_plan.map((s) => [s.service, s.title]));
  const title = (s: string) => titles.get(s) ?? s;
  const resource: Resource = {
    path: `/api/arrangements/${encodeURIComponent(id)}/pooling`,
    query: { on: plan.on },
  };
  return (
    <section aria-labelledby="pooling-title">
      <h2 id="pooling-title">Pooling plan</h2>
      <p>
        How these commissioners ({plan.commissioners.map(party).join(', ')}) can commission these services and
        bring the money together, under the rules in force on {formatDate(plan.on)}.
      </p>
      {plan.feasible ? (
        <p data-testid="pooling-verdict">
          <strong className="nhsuk-tag nhsuk-tag--green">Possible</strong>{' '}
          {plan.mechanism ? (mechanismWords[plan.mechanism] ?? plan.mechanism) : 'No shared budget is needed'}
          {plan.mechanisms.length > 1 &&
            `, with ${plan.mechanisms
              .slice(1)
              .map((m) => (mechanismWords[m] ?? m).toLowerCase())
              .join(' and ')}`}
          .
        </p>
      ) : (
        <p data-testid="pooling-verdict">
          <strong className="nhsuk-tag nhsuk-tag--red">Not possible</strong> These commissioners cannot
          commission all of these services on this date.
        </p>
      )}
      <Downloads what="services and who holds them" table="pooling-services" resource={resource} />
      <CitedList heading="Why not" items={plan.problems} title={title} testId="pooling-problems" />
      {plan.funds.length > 0 && <Downloads what="funds" table="pooling-funds" resource={resource} />}
      {plan.funds.length > 0 && (
        <ScrollBox label="Table">
          <table className="nhsuk-table" data-testid="pooling-funds">
            <caption className="nhsuk-table__caption">Funds</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Fund</th>
                <th scope="col">Parties</th>
                <th scope="col">Services</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {plan.funds.map((f) => (
                <tr key={`${f.kind}:${f.label}`}>
                  <th scope="row">
                    {f.label}{' '}
                    <span className="nhsuk-body-s">({f.kind === 'pooled' ? 'pooled' : 'aligned'})</span>
                    <RuleSource
                      rule={f.rule}
                      citations={f.citations}
                      provenance={f.provenance}
                      about={f.label}
                    />
                  </th>
                  <td>{f.parties.map(party).join(', ')}</td>
                  <td>{f.services.map(title).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <CitedList
        heading="Ring-fenced: kept outside the pool"
        items={plan.ring_fenced}
        title={title}
        testId="pooling-ring-fenced"
      />
      <CitedList
        heading="Excluded from pooling by law"
        items={plan.excluded}
        title={title}
        testId="pooling-excluded"
      />
      <CitedList
        heading="Outside the arrangement"
        items={plan.outside}
        title={title}
        testId="pooling-outside"
      />
      <CitedList heading="Conditions" items={plan.conditions} title={title} testId="pooling-conditions" />
      <CitedList heading="Notes" items={plan.notes} title={title} testId="pooling-notes" />
    </section>
  );
}
