import { formatMillions, formatPounds } from '../../../core/money.ts';
import type { AllocationReport } from '../../../finance/report.ts';
import { type AllocationRequest, type IcbPractice, placePopulation } from '../../allocation-form.ts';
import { Downloads, PaperButton, type Resource } from '../../components/Downloads.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { ScrollBox } from '../../components/ScrollBox.tsx';
import type { PracticesSource } from '../../endpoints.ts';
import { formatCount } from '../../format.ts';
import { MoneyChart, NeedChart } from './AllocationCharts.tsx';
import { basisName } from './basis-names.ts';

/**
 * Need indices by place, and once the pot is entered what each place is allocated, with the
 * charts, downloads and board paper. Key figures are in £m, the tables to the penny; every
 * practice count and population comes from the weighted populations, as the page says.
 */
export function AllocationResults(props: {
  report: AllocationReport;
  names: Map<string, string>;
  byCode: ReadonlyMap<string, IcbPractice>;
  source: PracticesSource | undefined;
  /** Whether the report shares an entered pot: before that it gives need indices only, and no money is shown. */
  potEntered: boolean;
  stale: boolean;
  /** The request this report answers: downloads send it again, so they hold exactly these figures. */
  request: AllocationRequest | null;
}) {
  const { report, names, byCode, potEntered, stale } = props;
  const request = potEntered ? props.request : null;
  const resource: Resource | null = request && { path: '/api/allocations', post: { body: request } };
  const components = report.places[0]?.components ?? [];
  const paced = report.places.some((p) => p.current !== null);
  const practices = report.places.flatMap((p) => p.practices);
  return (
    <section aria-labelledby="allocation-title" aria-busy={stale}>
      <h2 id="allocation-title">
        {potEntered ? 'Allocation' : 'Need'} by place: {report.icb_name}, {report.year}
      </h2>
      <KeyFigures
        label="Key figures"
        testId="allocation-key-figures"
        figures={[
          ...(potEntered
            ? [
                {
                  label: 'The pot',
                  value: formatMillions(report.total.pence),
                  note: formatPounds(report.total.pence),
                },
              ]
            : []),
          { label: 'Places', value: formatCount(report.places.length) },
          {
            label: 'Practices',
            value: formatCount(practices.length),
            note: `registered population ${formatCount(placePopulation(practices, byCode))}`,
          },
        ]}
      />
      <PracticesSourceNote source={props.source} />
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
                <td>{formatCount(placePopulation(p.practices, byCode))}</td>
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
      {potEntered && <PlaceMoney report={report} resource={resource} paced={paced} />}
    </section>
  );
}

/** What each place is allocated: the chart, and the table to the penny. */
function PlaceMoney({
  report,
  resource,
  paced,
}: {
  report: AllocationReport;
  resource: Resource | null;
  paced: boolean;
}) {
  return (
    <>
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
    </>
  );
}

/**
 * Where the page's practice counts and populations come from and when they were counted, and
 * why they differ from the system explorer's (issue 13: "one figure, one source").
 */
function PracticesSourceNote({ source }: { source: PracticesSource | undefined }) {
  if (!source) return null;
  return (
    <details className="nhsuk-details" data-testid="practices-source">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Practices and populations: {source.title}, counting {source.counted}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <p>
          Every practice count and registered population on this page comes from this one source. It is used
          because it is what NHS England set the ICB's allocation from: the same practices, with their
          populations weighted for need, so the places' shares add up to the ICB's.
        </p>
        <p>
          The system explorer counts practices from NHS Digital's GP practice map of 1 August 2026 and list
          sizes from the Quality and Outcomes Framework 2020/21 (patients registered on 1 January 2021).
          Practices open, merge and close, and lists change, between those dates, so the explorer's figures
          for a place differ from these.
        </p>
      </div>
    </details>
  );
}
