import { formatDate } from '../../../core/dates.ts';
import type { DecileGap } from '../../../population/decile-gap.ts';
import type { PopulationReport } from '../../../population/pipeline.ts';
import { Table } from '../../components/Table.tsx';
import { count, listOf, number, percent, withInterval } from './format.ts';

/** Decile 1 against decile 10 in words, beside a slope index of inequality. */
export function gapText(gap: DecileGap, show: (n: number) => string): string {
  if (gap.mostDeprived === null || gap.leastDeprived === null || gap.absolute === null)
    return `Decile 1 against decile 10: ${gap.note ?? 'withheld'}`;
  const ratio = gap.relative === null ? '' : `; decile 1 ÷ decile 10: ${number(gap.relative, 2)}`;
  return `Decile 1 (most deprived) ${show(gap.mostDeprived)}, decile 10 (least deprived) ${show(gap.leastDeprived)}; decile 10 minus decile 1: ${show(gap.absolute)}${ratio}`;
}

export function ExpectedPrevalence({ data }: { data: PopulationReport['expectedPrevalence'] }) {
  return (
    <section data-testid="expected-prevalence">
      <h2 className="nhsuk-heading-m">Recorded prevalence against expected</h2>
      <p>
        How many people are on each register against how many England's rate would give for the people served
        in the register's age range. The rates used: {data.standard}. A ratio above 1 means more than
        expected; since England's figures are not published by age within the range, an older population shows
        higher ratios for conditions of later life. No ratio is shown from fewer than 10 people.
      </p>
      <Table
        columns={['Register', 'Ages', 'On the register', 'Expected', 'Observed ÷ expected (95% CI)']}
        rows={data.rows.map((r) => ({
          key: r.condition,
          head: r.name,
          cells: [
            r.fromAge === 0 ? 'All ages' : `${r.fromAge} and over`,
            count(r.observed),
            number(r.expected),
            withInterval(r.ratio, r.lower95, r.upper95, 2),
          ],
        }))}
      />
    </section>
  );
}

export function MultimorbidityScore({ data }: { data: PopulationReport['multimorbidityScore'] }) {
  return (
    <section data-testid="multimorbidity-score">
      <h2 className="nhsuk-heading-m">Cambridge Multimorbidity Score</h2>
      <p>
        Each of 20 conditions carries a weight for its effect on GP consultations, emergency admissions and
        death; an adult's score adds up the weights of their conditions. The mean is {number(data.mean, 2)}{' '}
        over {count(data.adults)} adults. The data holds {data.covered.length} of the 20 conditions:{' '}
        {listOf(data.missing.map((m) => m.condition.toLowerCase()))} are not recorded, so these scores are
        lower than the full score.
      </p>
      <Table
        columns={['Score', 'Adults', 'Share of adults']}
        rows={data.bands.map((b) => ({
          key: b.band,
          head: b.band,
          cells: [count(b.persons), percent(b.percent)],
        }))}
      />
    </section>
  );
}

export function Trends({ data }: { data: PopulationReport['trends'] }) {
  const years = [
    ...new Set([...data.activity.map((y) => y.year), ...data.prematureMortality.map((y) => y.year)]),
  ].sort();
  const covers = (c: PopulationReport['trends']['activityCovers']) =>
    c ? `${formatDate(c.from)} to ${formatDate(c.to)}` : 'none';
  return (
    <section data-testid="trends">
      <h2 className="nhsuk-heading-m">Trends by financial year</h2>
      <p>
        Each financial year (1 April to 31 March) the data wholly covers: activity from{' '}
        {covers(data.activityCovers)}, deaths from {covers(data.deathsCover)}. Rates are per person served on
        1 October, with 95% confidence intervals; none is shown from fewer than 10 events.
      </p>
      <Table
        columns={[
          'Year',
          'Emergency admissions per 1,000, age-standardised',
          'A&E attendances per 1,000',
          'Deaths under 75 per 100,000, age-standardised',
        ]}
        rows={years.map((year) => {
          const a = data.activity.find((y) => y.year === year);
          const m = data.prematureMortality.find((y) => y.year === year);
          const notCovered = 'not wholly in the data';
          return {
            key: year,
            head: year,
            cells: [
              a
                ? withInterval(a.emergencyPer1000Standardised, a.emergencyLower95, a.emergencyUpper95)
                : notCovered,
              a ? withInterval(a.aePer1000, a.aeLower95, a.aeUpper95) : notCovered,
              m ? withInterval(m.per100000, m.lower95, m.upper95) : notCovered,
            ],
          };
        })}
      />
    </section>
  );
}
