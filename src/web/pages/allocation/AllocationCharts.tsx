import { useCallback } from 'react';
import type { AllocationReport } from '../../../finance/report.ts';
import { Chart, type PlotModule } from '../../components/Chart.tsx';

type PlaceResult = AllocationReport['places'][number];

/** Each place's relative need index (core services overall) against the ICB as a whole (1). */
export function NeedChart({ report }: { report: AllocationReport }) {
  const draw = useCallback(
    (Plot: PlotModule) =>
      Plot.plot({
        marginLeft: 120,
        x: { label: 'Relative need index (core services overall)', grid: true },
        y: { label: null },
        marks: [
          Plot.barX(report.places, {
            y: 'name',
            x: (p: PlaceResult) => Number(p.need_index.decimal),
            fill: '#005eb8',
          }),
          Plot.ruleX([1], { stroke: '#d5281b' }),
        ],
      }),
    [report],
  );
  return <Chart label="Relative need index of each place (1 is the ICB as a whole)" draw={draw} />;
}

/** What each place is allocated. */
export function MoneyChart({ report }: { report: AllocationReport }) {
  const draw = useCallback(
    (Plot: PlotModule) =>
      Plot.plot({
        marginLeft: 120,
        x: {
          label: 'Pounds',
          tickFormat: (v: number) => `£${(v / 1e6).toLocaleString('en-GB')}m`,
          grid: true,
        },
        y: { label: null },
        marks: [
          Plot.barX(report.places, {
            y: 'name',
            x: (p: PlaceResult) => p.allocation.pence / 100,
            fill: '#005eb8',
          }),
          Plot.ruleX([0]),
        ],
      }),
    [report],
  );
  return <Chart label="Allocation to each place" draw={draw} />;
}
