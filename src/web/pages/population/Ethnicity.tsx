import type { ReactNode } from 'react';
import type { EthnicGroup } from '../../../population/ethnic-category.ts';
import type { PopulationReport } from '../../../population/pipeline.ts';
import { Table } from '../../components/Table.tsx';
import { count, number, percent, withInterval } from './format.ts';

/** Short column headings for the registers table, so it fits a phone. */
const short: Record<EthnicGroup, string> = {
  asian: 'Asian',
  black: 'Black',
  mixed: 'Mixed',
  white: 'White',
  other: 'Other',
  unknown: 'Not stated or not known',
};

/** Admissions, A&E, Core20 and long-term conditions by ethnic group (Core20PLUS5's PLUS groups). */
export function EthnicGroups({
  data,
  download,
}: {
  data: PopulationReport['ethnicity'];
  download: ReactNode;
}) {
  return (
    <section data-testid="ethnicity">
      <h2 className="nhsuk-heading-m">Ethnic groups</h2>
      <p>
        Core20PLUS5 asks for the most deprived fifth of areas (Core20) and groups the local system chooses,
        often by ethnicity. People are grouped by the ethnic category on their record, in the five groups of
        the 2021 Census; people with none recorded are in "not stated or not known". Emergency admissions in
        the year before are age-standardised, with 95% confidence intervals, and none is shown from fewer than
        10.
      </p>
      <Table
        testId="ethnicity-groups"
        columns={[
          'Ethnic group',
          'People',
          'Emergency admissions per 1,000, age-standardised',
          'A&E attendances per 1,000',
          'In Core20',
        ]}
        rows={data.groups.map((g) => ({
          key: g.group,
          head: g.name,
          cells: [
            count(g.persons),
            withInterval(g.emergencyPer1000Standardised, g.emergencyLower95, g.emergencyUpper95),
            number(g.aePer1000),
            `${count(g.core20)} (${percent(g.core20Percent)})`,
          ],
        }))}
      />
      {download}
      <h3 className="nhsuk-heading-s">On each long-term condition register</h3>
      <p>The share of each group on the register, not adjusted for age.</p>
      <Table
        columns={['Condition', ...data.groups.map((g) => short[g.group])]}
        rows={data.registers.map((c) => ({
          key: c.condition,
          head: c.name,
          cells: c.groups.map((g) => percent(g.percent)),
        }))}
      />
    </section>
  );
}
