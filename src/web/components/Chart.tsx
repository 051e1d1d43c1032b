import { useEffect, useRef, useState } from 'react';

type PlotModule = typeof import('@observablehq/plot');

/**
 * A chart drawn by Observable Plot, loaded only when a page draws one so the rest of the app
 * stays small. The chart is a picture of a table shown beside it, so screen readers get the
 * figures from the table and the chart only its label.
 */
export function Chart(props: { label: string; draw: (plot: PlotModule) => Element; testId?: string }) {
  const { label, draw } = props;
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('@observablehq/plot')
      .then((plot) => {
        if (!live || !box.current) return;
        const chart = draw(plot);
        chart.setAttribute('aria-hidden', 'true');
        box.current.replaceChildren(chart);
      })
      .catch((e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [draw]);
  return (
    <figure className="concordat-chart" aria-label={label} data-testid={props.testId}>
      {failed ? <p className="nhsuk-error-message">The chart could not be drawn: {failed}</p> : null}
      <div ref={box} />
      <figcaption className="nhsuk-body-s">{label}</figcaption>
    </figure>
  );
}
