import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/**
 * Holds something wider than a phone's screen (a table, a chart) and lets it scroll
 * sideways inside its own box, so the page itself never does. While it overflows, the box
 * can take keyboard focus, so it can be scrolled without a mouse, and says what it holds.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className="concordat-scroll"
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls sideways)` } : {})}
    >
      {children}
    </div>
  );
}
