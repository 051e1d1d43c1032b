import { formatPounds } from '../../../core/money.ts';
import type { AllocationReport } from '../../../finance/report.ts';
import type { AllocationRequest } from '../../allocation-form.ts';
import { Downloads, PaperButton, type Resource } from '../../components/Downloads.tsx';
import { ScrollBox } from '../../components/ScrollBox.tsx';
import { formatCount } from '../../format.ts';
import { MoneyChart, NeedChart } from './AllocationCharts.tsx';
import { basisName } from './basis-names.ts';

/** Need indices and allocations by place, with their charts, downloads and board paper. */
export function AllocationResults(props: {
  report: AllocationReport;
  names: Map<string, string>;
  stale: boolean;
  /** The request this report answers: downloads send it again, so they hold exactly these figures. */
  request: AllocationRequest | null;
}) {
  const { report, names, stale, request } = props;
  const resource: Resource | null = request && { path: '/api/allocations', post: { body: request } };
  const components = report.places[0]?.components ?? [];
  const paced = report.places.some((p) => p.current !== null);
  return (
    <section aria-labelledby="allocation-title" aria-busy={stale}>
      <h2 id="allocation-title">
        {report.icb_name} ({report.icb}), {report.year}: {formatPounds(report.total.pence)}
      </h2>
      <p className="nhsuk-body-s" data-testid="allocation-method">
        Method: {report.method_description}
      </p>
      {request && <PaperButton resource={{ path: '/api/allocations/paper', post: { body: request } }} />}
      <NeedChart report={report} />
      {resource && (
        <Downloads what="need indices and allocations by place" table="allocation" resource={resource} />
      )}
      <ScrollBox label="Table">
        <table className="nhsuk-table" data-testid="need-indices">
          <caption className="nhsuk-table__caption">Relative need index by place</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Practices</th>
              <th scope="col">Registered population</th>
              <th scope="col">Core services overall</th>
              {components.map((c, k) => (
                <th scope="col" key={c.component}>
                  {names.get(c.component) ?? `Component ${k + 1}`} ({basisName(c.basis)})
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {report.places.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{formatCount(p.practice_count)}</td>
                <td>{formatCount(Math.round(Number(p.population)))}</td>
                <td>{p.need_index.decimal}</td>
                {p.components.map((c) => (
                  <td key={c.component}>{c.need_index.decimal}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="nhsuk-body-s">
        A need index above 1 means more need per registered person than the ICB as a whole.
      </p>
      <MoneyChart report={report} />
      {resource && <Downloads what="allocations by component" table="components" resource={resource} />}
      <ScrollBox label="Table">
        <table className="nhsuk-table" data-testid="allocation">
          <caption className="nhsuk-table__caption">Allocation by place</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Target</th>
              {paced && <th scope="col">Current allocation</th>}
              {paced && <th scope="col">Distance from target</th>}
              <th scope="col">Allocation</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {report.places.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{formatPounds(p.target.pence)}</td>
                {paced && <td>{p.current ? formatPounds(p.current.pence) : ''}</td>}
                {paced && (
                  <td>
                    {p.distance_from_target
                      ? `${formatPounds(p.distance_from_target.gap.pence)} (${p.distance_from_target.percent})`
                      : ''}
                  </td>
                )}
                <td>{formatPounds(p.allocation.pence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
