import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

/** An Observable Plot chart, redrawn when its options change; `label` describes it for screen readers. */
export function PlotFigure({ options, label }: { options: PlotOptions; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = Plot.plot({ ...options, ariaLabel: label, style: { fontSize: '14px' } });
    ref.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [options, label]);
  return <div ref={ref} role="img" aria-label={label} className="concordat-chart" />;
}
