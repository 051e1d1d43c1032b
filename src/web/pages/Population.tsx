import { type FormEvent, type ReactNode, useCallback, useMemo, useState } from 'react';
import { formatDate } from '../../core/dates.ts';
import type { PopulationReport } from '../../population/pipeline.ts';
import type { SlopeIndex } from '../../population/slope-index.ts';
import { ApiError } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { Downloads, PaperButton, type Resource } from '../components/Downloads.tsx';
import { Table } from '../components/Table.tsx';
import { type PopulationArea, usePopulationAreas, usePopulationReport } from '../endpoints.ts';
import { formatCount } from '../format.ts';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';
import { AreaPicker, isAreaKind, populationPath } from './population/AreaPicker.tsx';
import { EthnicGroups } from './population/Ethnicity.tsx';
import { count, money, number, percent } from './population/format.ts';
import { ExpectedPrevalence, gapText, MultimorbidityScore, Trends } from './population/Measures.tsx';

type Plot = typeof import('@observablehq/plot');

/** One horizontal bar per row, in the rows' order (the risk-band and segment charts). */
function horizontalBars<T>(
  plot: Plot,
  rows: readonly T[],
  o: {
    label: (row: T) => string;
    value: (row: T) => number | null;
    xLabel: string;
    marginLeft: number;
    fill: string;
  },
) {
  return plot.plot({
    width: 640,
    marginLeft: o.marginLeft,
    x: { label: o.xLabel, grid: true },
    y: { label: null, domain: rows.map(o.label) },
    marks: [plot.barX(rows, { x: (r: T) => o.value(r) ?? 0, y: o.label, fill: o.fill }), plot.ruleX([0])],
  });
}

/** The ICB the user most likely wants: the first organisation they commission for. */
function defaultIcb(user: User): string {
  return user.roles.find((r) => r.role === 'commissioner' && r.organisation)?.organisation ?? '';
}

export function Population(props: {
  user: User;
  icb: string | undefined;
  kind: string | undefined;
  area: string | undefined;
}) {
  const icb = (props.icb ?? defaultIcb(props.user)).toUpperCase();
  const kind = isAreaKind(props.kind) && props.area ? props.kind : 'icb';
  const area = kind === 'icb' ? undefined : props.area;
  const areas = usePopulationAreas(icb);
  const report = usePopulationReport(icb, kind, area);
  const listed = areas.data?.areas.find((a) => a.kind === kind && (kind === 'icb' || a.code === area));
  const [typed, setTyped] = useState(icb);
  const choose = (event: FormEvent) => {
    event.preventDefault();
    navigate(populationPath(typed.trim().toUpperCase(), 'icb'));
  };

  return (
    <>
      {/* Named, never a bare code: the heading waits for the ICB's areas to name it. */}
      <h1>
        {listed?.title ?? (areas.data ? `Population health for ${areas.data.icb_name}` : 'Population health')}
      </h1>
      <form onSubmit={choose} className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="icb">
          ICB code
        </label>
        <div className="nhsuk-hint" id="icb-hint">
          For example QUA for NHS Black Country ICB
        </div>
        <input
          className="nhsuk-input nhsuk-input--width-5"
          id="icb"
          aria-describedby="icb-hint"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />{' '}
        <button type="submit" className="nhsuk-button nhsuk-button--secondary">
          Show report
        </button>
      </form>
      {icb === '' && <p>Enter the code of the ICB whose report you want to see.</p>}
      {areas.data && <AreaPicker key={`${icb} ${kind} ${area}`} areas={areas.data} kind={kind} area={area} />}
      {report.isPending && icb !== '' && <p>Loading the report…</p>}
      {report.error && <NoReport icb={icb} area={listed} error={report.error} />}
      {report.data && <Report report={report.data} icb={icb} />}
    </>
  );
}

function NoReport({ icb, area, error }: { icb: string; area: PopulationArea | undefined; error: Error }) {
  if (error instanceof ApiError && error.status === 404) {
    const which = area && area.kind !== 'icb' ? ` --area ${area.kind}:${area.code}` : '';
    return (
      <div className="nhsuk-inset-text" data-testid="no-report">
        <h2 className="nhsuk-heading-m">No report has been published for {area?.label ?? 'this ICB'}</h2>
        <p>An analyst publishes one from a population data set on the server, for example:</p>
        <ol className="nhsuk-list nhsuk-list--number">
          <li>
            Make a synthetic population to try it out:{' '}
            <code>
              concordat synth --icb {icb} --out data-{icb}
            </code>{' '}
            (or use your own persons, conditions and events files).
          </li>
          <li>
            Analyse it and publish the report here:{' '}
            <code>
              concordat analyse --data data-{icb} --icb {icb}
              {which} --publish
            </code>{' '}
            (<code>--area all</code> publishes every place, local authority, primary care network and
            practice).
          </li>
          <li>Come back to this page.</li>
        </ol>
        <p>docs/population.md explains the data the analysis needs.</p>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <p className="nhsuk-error-message">
        {error.message} Only commissioners of the ICB and assurers can see it.
      </p>
    );
  }
  return <p className="nhsuk-error-message">{error.message}</p>;
}

function Report({ report, icb }: { report: PopulationReport; icb: string }) {
  const { served, needs, risk, segments, inequalities, suppression, area } = report;
  const query = area && area.kind !== 'icb' ? { kind: area.kind, area: area.code } : {};
  const resource: Resource = { path: `/api/population/${encodeURIComponent(icb)}/report`, query };
  return (
    <div data-testid="population-report" className="nhsuk-u-padding-top-2">
      {report.synthetic && (
        <div className="nhsuk-warning-callout" data-testid="synthetic">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Synthetic data
            </span>
          </h2>
          <p>
            {report.synthetic}. These figures come from a generated population calibrated to published NHS
            data; they describe no real person and must not be used for decisions.
          </p>
        </div>
      )}
      <p>
        {report.title}, on {formatDate(report.on)}: {count(served.total)} people served (
        {count(served.registered)} registered with {formatCount(served.practices.length)} practices and{' '}
        {count(served.unregisteredResidents)} unregistered residents).
      </p>
      <p className="nhsuk-body-s" data-testid="suppression">
        Small numbers are suppressed to protect privacy: counts of 1 to {suppression.suppressUpTo} are shown
        as "suppressed", other counts are rounded to the nearest {suppression.roundTo}, and rates or costs for
        groups that small are withheld.
        {area && area.kind !== 'icb' && (
          <>
            {' '}
            {area.label} is part of {area.icbName}: the smaller the area, the more of its figures are
            suppressed or withheld, which protects the people in it. The same figures for the whole ICB show
            more.
          </>
        )}
      </p>
      <PaperButton resource={{ path: `/api/population/${encodeURIComponent(icb)}/paper`, query }} />
      <Downloads what="the population served by practice" table="practices" resource={resource} />
      <Downloads what="long-term conditions" table="prevalence" resource={resource} />

      <Pyramid rows={needs.pyramid} />
      <Deprivation rows={needs.deprivation} />
      {/* Reports published before these measures lack them. */}
      {report.expectedPrevalence && <ExpectedPrevalence data={report.expectedPrevalence} />}
      {report.multimorbidityScore && <MultimorbidityScore data={report.multimorbidityScore} />}
      <RiskBands risk={risk} download={<Downloads what="risk bands" table="risk" resource={resource} />} />
      <Segments
        segments={segments}
        download={<Downloads what="segments" table="segments" resource={resource} />}
      />
      <Inequality
        inequalities={inequalities}
        download={<Downloads what="inequalities by decile" table="inequalities" resource={resource} />}
      />
      {report.ethnicity && (
        <EthnicGroups
          data={report.ethnicity}
          download={<Downloads what="ethnic groups" table="ethnicity" resource={resource} />}
        />
      )}
      {report.trends && <Trends data={report.trends} />}
      <p className="nhsuk-body-s">{report.attribution}</p>
    </div>
  );
}

type PyramidRow = PopulationReport['needs']['pyramid'][number];

function Pyramid({ rows }: { rows: PyramidRow[] }) {
  const bands = useMemo(() => [...new Set(rows.map((r) => r.band))], [rows]);
  const draw = useCallback(
    (plot: Plot) => {
      const signed = rows.map((r) => ({
        band: r.band,
        sex: r.sex === 'F' ? 'Female' : 'Male',
        percent: (r.sex === 'F' ? -1 : 1) * (r.percent ?? 0),
        england: (r.sex === 'F' ? -1 : 1) * r.englandPercent,
      }));
      return plot.plot({
        width: 640,
        marginLeft: 60,
        x: { label: '← Female · % of population · Male →', tickFormat: (d: number) => `${Math.abs(d)}` },
        y: { domain: [...bands].reverse(), label: 'Age' },
        color: { domain: ['Female', 'Male'], range: ['#005eb8', '#ffb81c'], legend: true },
        marks: [
          plot.barX(signed, { x: 'percent', y: 'band', fill: 'sex' }),
          plot.tickX(signed, { x: 'england', y: 'band', stroke: '#212b32', strokeWidth: 2 }),
          plot.ruleX([0]),
        ],
      });
    },
    [rows, bands],
  );
  const cell = (band: string, sex: 'F' | 'M') => rows.find((r) => r.band === band && r.sex === sex);
  return (
    <section data-testid="pyramid">
      <h2 className="nhsuk-heading-m">Age and sex</h2>
      <Chart
        label="Age–sex pyramid: bars are the population served, black ticks England's registered population"
        draw={draw}
      />
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Age and sex as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <Table
            columns={['Age', 'Female', '% (England)', 'Male', '% (England)']}
            rows={bands.map((band) => {
              const f = cell(band, 'F');
              const m = cell(band, 'M');
              return {
                key: band,
                head: band,
                cells: [
                  count(f?.persons ?? null),
                  `${percent(f?.percent ?? null)} (${percent(f?.englandPercent ?? null)})`,
                  count(m?.persons ?? null),
                  `${percent(m?.percent ?? null)} (${percent(m?.englandPercent ?? null)})`,
                ],
              };
            })}
          />
        </div>
      </details>
    </section>
  );
}

function Deprivation({ rows }: { rows: PopulationReport['needs']['deprivation'] }) {
  const draw = useCallback(
    (plot: Plot) =>
      plot.plot({
        width: 640,
        x: { label: 'IMD decile (1 = most deprived)', type: 'band' },
        y: { label: '% of population', grid: true },
        marks: [
          plot.barY(rows, { x: 'decile', y: (r: (typeof rows)[number]) => r.percent ?? 0, fill: '#005eb8' }),
          plot.ruleY([10], { stroke: '#212b32', strokeDasharray: '4 3' }),
        ],
      }),
    [rows],
  );
  return (
    <section data-testid="deprivation">
      <h2 className="nhsuk-heading-m">Deprivation</h2>
      <Chart
        label="People by IMD 2019 decile; the dashed line is England (a tenth in each decile)"
        draw={draw}
      />
      <Table
        columns={['IMD decile', 'People', '% of population', 'England']}
        rows={rows.map((r) => ({
          key: String(r.decile),
          head: r.decile,
          cells: [count(r.persons), percent(r.percent), percent(r.englandPercent)],
        }))}
      />
    </section>
  );
}

function RiskBands({ risk, download }: { risk: PopulationReport['risk']; download: ReactNode }) {
  const draw = useCallback(
    (plot: Plot) =>
      horizontalBars(plot, risk.bands, {
        label: (b) => b.group,
        value: (b) => b.emergencyAdmissionsPer1000,
        xLabel: 'Emergency admissions per 1,000 in the following year',
        marginLeft: 170,
        fill: '#d5281b',
      }),
    [risk],
  );
  const top = risk.topCohort;
  return (
    <section data-testid="risk-bands">
      <h2 className="nhsuk-heading-m">Risk bands</h2>
      <p>
        Each person scores points for age, long-term conditions, recent emergency admissions and A&amp;E
        attendances, and living in the most deprived areas. The top {top.percent}% are those with{' '}
        {top.minimumPoints} points or more: {count(top.group.persons)} people, who had{' '}
        {percent(top.group.percentOfAdmissions)} of the emergency admissions in the following year.
      </p>
      <p data-testid="risk-discrimination">
        How well the score picks out who is admitted: area under the ROC curve{' '}
        {risk.discrimination.auc === null ? 'withheld' : number(risk.discrimination.auc, 3)} (0.5 is chance, 1
        is perfect); of the top {top.percent}%, {percent(risk.discrimination.ppvTopPercent)} were admitted
        (positive predictive value), and they were {percent(risk.discrimination.sensitivityTopPercent)} of
        everyone admitted (sensitivity).
      </p>
      <Chart
        label="Emergency admissions per 1,000 people in the year after the date, by risk band"
        draw={draw}
      />
      {download}
      <Table
        columns={[
          'Band',
          'People',
          '% of population',
          'Emergency admissions per 1,000',
          'Relative risk',
          '% of admissions',
          'Cost per head next year',
        ]}
        rows={[...risk.bands, top.group].map((b) => ({
          key: b.group,
          head: b.group,
          cells: [
            count(b.persons),
            percent(b.percentOfPopulation),
            number(b.emergencyAdmissionsPer1000),
            number(b.relativeRisk, 2),
            percent(b.percentOfAdmissions),
            money(b.costNextYearPerHeadPence),
          ],
        }))}
      />
    </section>
  );
}

function Segments({ segments, download }: { segments: PopulationReport['segments']; download: ReactNode }) {
  const draw = useCallback(
    (plot: Plot) =>
      horizontalBars(plot, segments, {
        label: (x) => x.name,
        value: (x) => x.percent,
        xLabel: '% of population',
        marginLeft: 260,
        fill: '#330072',
      }),
    [segments],
  );
  return (
    <section data-testid="segments">
      <h2 className="nhsuk-heading-m">Segments</h2>
      <p>Each person is in one segment: the first of these that applies to them.</p>
      <Chart label="Share of the population in each segment" draw={draw} />
      {download}
      <Table
        columns={[
          'Segment',
          'Who',
          'People',
          'Emergency admissions per 1,000',
          'A&E per 1,000',
          'Cost per head',
        ]}
        rows={segments.map((x) => ({
          key: x.id,
          head: x.name,
          cells: [
            x.rule,
            `${count(x.persons)} (${percent(x.percent)})`,
            number(x.emergencyAdmissionsPer1000),
            number(x.aePer1000),
            money(x.costPerHeadPence),
          ],
        }))}
      />
    </section>
  );
}

function PrematureMortality({
  rows,
  years,
}: {
  rows: PopulationReport['inequalities']['prematureMortality'];
  years: number;
}) {
  return (
    <>
      <h3 className="nhsuk-heading-s">Premature mortality (deaths under 75)</h3>
      <p>
        Deaths under 75 per 100,000 a year over the {years} years before the date, age-standardised to the
        European Standard Population 2013, with 95% confidence intervals. No rate is shown from fewer than 10
        deaths.
      </p>
      <Table
        testId="premature-mortality"
        columns={['IMD decile', 'Deaths under 75', 'Per 100,000 a year (95% confidence interval)']}
        rows={rows.map((r) => ({
          key: String(r.decile),
          head: r.decile,
          cells: [
            count(r.deaths),
            r.per100000 === null
              ? 'withheld'
              : `${number(r.per100000)} (${number(r.lower95)} to ${number(r.upper95)})`,
          ],
        }))}
      />
    </>
  );
}

function Inequality({
  inequalities,
  download,
}: {
  inequalities: PopulationReport['inequalities'];
  download: ReactNode;
}) {
  const { byDecile, slopeIndex, decileGap, lifeExpectancy, years } = inequalities;
  const draw = useCallback(
    (plot: Plot) => {
      const shown = byDecile.filter((d) => d.emergencyAdmissionsPer1000Standardised !== null);
      return plot.plot({
        width: 640,
        x: { label: 'IMD decile (1 = most deprived)', domain: [1, 10], ticks: 10 },
        y: { label: 'Emergency admissions per 1,000, age-standardised (ESP2013)', grid: true, zero: true },
        marks: [
          plot.lineY(shown, { x: 'decile', y: 'emergencyAdmissionsPer1000Standardised', stroke: '#005eb8' }),
          plot.dot(shown, { x: 'decile', y: 'emergencyAdmissionsPer1000Standardised', fill: '#005eb8' }),
        ],
      });
    },
    [byDecile],
  );
  const le = useMemo(() => lifeExpectancy.filter((r) => r.lifeExpectancy !== null), [lifeExpectancy]);
  const drawLe = useCallback(
    (plot: Plot) =>
      plot.plot({
        width: 640,
        x: { label: 'IMD decile (1 = most deprived)', type: 'band' },
        y: { label: 'Life expectancy at birth (years)', grid: true },
        color: { domain: ['Female', 'Male'], range: ['#005eb8', '#ffb81c'], legend: true },
        marks: [
          plot.ruleX(
            le.filter((r) => r.decile !== 'All'),
            {
              x: 'decile',
              y1: (r: (typeof le)[number]) => r.lifeExpectancy?.lower95,
              y2: (r: (typeof le)[number]) => r.lifeExpectancy?.upper95,
              stroke: (r: (typeof le)[number]) => (r.sex === 'F' ? 'Female' : 'Male'),
            },
          ),
          plot.dot(
            le.filter((r) => r.decile !== 'All'),
            {
              x: 'decile',
              y: (r: (typeof le)[number]) => r.lifeExpectancy?.atBirth,
              fill: (r: (typeof le)[number]) => (r.sex === 'F' ? 'Female' : 'Male'),
            },
          ),
        ],
      }),
    [le],
  );
  const sii = (s: SlopeIndex, show: (n: number) => string) =>
    s.value === null
      ? (s.note ?? 'withheld')
      : `${show(s.value)}${s.lower95 === null || s.upper95 === null ? '' : ` (95% CI ${show(s.lower95)} to ${show(s.upper95)})`}${s.note ? `. ${s.note}` : ''}`;
  return (
    <section data-testid="inequalities">
      <h2 className="nhsuk-heading-m">Inequalities</h2>
      <Chart
        label="Emergency admissions per 1,000 by deprivation decile, age-standardised to the European Standard Population 2013"
        draw={draw}
      />
      {download}
      <Table
        columns={[
          'IMD decile',
          'People',
          'Emergency admissions per 1,000 (age-standardised to ESP2013, 95% CI)',
          'A&E per 1,000',
          'Cost per head',
          'Two or more conditions',
        ]}
        rows={byDecile.map((d) => ({
          key: String(d.decile),
          head: d.decile,
          cells: [
            count(d.persons),
            `${number(d.emergencyAdmissionsPer1000)} (${number(d.emergencyAdmissionsPer1000Standardised)}${d.emergencyStandardisedLower95 === null ? '' : `, ${number(d.emergencyStandardisedLower95)} to ${number(d.emergencyStandardisedUpper95)}`})`,
            number(d.aePer1000),
            money(d.costPerHeadPence),
            percent(d.multimorbidPercent),
          ],
        }))}
      />
      <h3 className="nhsuk-heading-s">Slope index of inequality</h3>
      <p>
        The gap between the least and the most deprived ends of the population, from a line fitted across
        every decile with people in it (a negative figure means the least deprived have less), with its 95%
        confidence interval.
      </p>
      <dl className="nhsuk-summary-list" data-testid="slope-index">
        {(
          [
            [
              'Emergency admissions (standardised)',
              slopeIndex.emergencyAdmissionsPer1000Standardised,
              decileGap?.emergencyAdmissionsPer1000Standardised,
              'per 1,000',
            ],
            ['A&E attendances', slopeIndex.aePer1000, decileGap?.aePer1000, 'per 1,000'],
            ['Cost per head', slopeIndex.costPerHeadPence, decileGap?.costPerHeadPence, money],
            [
              'Two or more conditions',
              slopeIndex.multimorbidPercent,
              decileGap?.multimorbidPercent,
              'percentage points',
            ],
            ['Life expectancy, females', slopeIndex.lifeExpectancy.F, decileGap?.lifeExpectancy.F, 'years'],
            ['Life expectancy, males', slopeIndex.lifeExpectancy.M, decileGap?.lifeExpectancy.M, 'years'],
          ] as const
        ).map(([what, index, gap, unit]) => {
          const show = typeof unit === 'string' ? (n: number) => `${number(n, 2)} ${unit}` : unit;
          return (
            <div className="nhsuk-summary-list__row" key={what}>
              <dt className="nhsuk-summary-list__key">{what}</dt>
              <dd className="nhsuk-summary-list__value">
                {sii(index, show)}
                {/* Reports published before the decile gap lack it. */}
                {gap && <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{gapText(gap, show)}</p>}
              </dd>
            </div>
          );
        })}
      </dl>
      <h3 className="nhsuk-heading-s">Life expectancy at birth by decile</h3>
      <p>
        From deaths over the {years} years before the date. As OHID does, there is no figure for fewer than
        5,000 people.
      </p>
      {le.some((r) => r.decile !== 'All') && (
        <Chart
          label="Life expectancy at birth by deprivation decile, with 95% confidence intervals"
          draw={drawLe}
        />
      )}
      <Table
        testId="life-expectancy"
        columns={['IMD decile', 'Sex', 'Deaths', 'Life expectancy (95% confidence interval)']}
        rows={lifeExpectancy.map((r) => ({
          key: `${r.decile}-${r.sex}`,
          head: r.decile === 'All' ? 'All' : r.decile,
          cells: [
            r.sex === 'F' ? 'Female' : 'Male',
            count(r.deaths),
            r.lifeExpectancy
              ? `${number(r.lifeExpectancy.atBirth)} years (${number(r.lifeExpectancy.lower95)} to ${number(r.lifeExpectancy.upper95)})`
              : `No figure: ${r.note ?? 'too few people'}`,
          ],
        }))}
      />
      <PrematureMortality rows={inequalities.prematureMortality} years={years} />
    </section>
  );
}
