import { useEffect, useRef } from 'react';
import type { Trace } from '../../../finance/trace.ts';
import { TraceView } from '../../components/TraceView.tsx';

/**
 * How a clicked figure was reached, opened just after the table the figure is in. It is
 * brought into view only as far as needed and its heading takes focus, so the reader, by eye
 * or by screen reader, finds it beside the figure rather than somewhere else on the page.
 */
export function Explanation(props: {
  label: string;
  trace: Trace | undefined;
  problem: string | undefined;
  onClose: () => void;
}) {
  const { label, trace, problem } = props;
  const box = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = trace !== undefined;
  // When another figure is opened, and again once its explanation has arrived (it is then taller).
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus({ preventScroll: true });
  }, [label, ready]);
  return (
    <aside className="nhsuk-inset-text" aria-labelledby="trace-title" ref={box} data-testid="trace">
      <h3 id="trace-title" className="nhsuk-heading-s" tabIndex={-1} ref={heading}>
        How {label} was reached
      </h3>
      {problem && <p className="nhsuk-error-message">{problem}</p>}
      {!ready && !problem && <p>Fetching the explanation…</p>}
      {trace && <TraceView trace={trace} />}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={props.onClose}>
        Close
      </button>
    </aside>
  );
}
