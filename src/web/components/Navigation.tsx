import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from './Link.tsx';

export interface Section {
  href: string;
  text: string;
}

/** Room kept for the "More" button when some sections do not fit on the line. */
const moreButtonWidth = 96;

/**
 * The NHS header's navigation: the sections that fit on one line, and a "More" button
 * opening the rest underneath (as nhsuk-frontend's header script does, in React), so the
 * header never makes a phone's page wider than its screen.
 */
export function Navigation({ sections, path }: { sections: Section[]; path: string }) {
  const list = useRef<HTMLUListElement>(null);
  const widths = useRef<number[]>([]);
  const [fits, setFits] = useState(sections.length);
  const [open, setOpen] = useState(false);

  useLayoutEffect(() => {
    const ul = list.current;
    if (!ul) return;
    // Measured once, with every section on the line (the first render shows them all).
    if (widths.current.length !== sections.length)
      widths.current = [...ul.querySelectorAll<HTMLElement>('.nhsuk-header__navigation-item')].map(
        (li) => li.getBoundingClientRect().width,
      );
    const box = ul.parentElement as HTMLElement;
    const layout = () => {
      const style = getComputedStyle(box);
      const room =
        box.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      setFits(sectionsThatFit(widths.current, room));
    };
    layout();
    const observer = new ResizeObserver(layout);
    observer.observe(box);
    return () => observer.disconnect();
  }, [sections.length]);

  const isCurrent = (s: Section) => (s.href === '/' ? path === '/' : path.startsWith(s.href));
  const item = (s: Section) => (
    <li
      key={s.href}
      className={`nhsuk-header__navigation-item${isCurrent(s) ? ' nhsuk-header__navigation-item--current' : ''}`}
    >
      <Link
        className="nhsuk-header__navigation-link"
        href={s.href}
        aria-current={isCurrent(s) ? 'page' : undefined}
        onClick={() => setOpen(false)}
      >
        {s.text}
      </Link>
    </li>
  );
  const rest = sections.slice(fits);
  return (
    <nav className="nhsuk-header__navigation" aria-label="Menu">
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <ul className="nhsuk-header__navigation-list" ref={list}>
          {sections.slice(0, fits).map(item)}
          {rest.length > 0 && (
            <li className="nhsuk-header__menu">
              <button
                type="button"
                className="nhsuk-header__menu-toggle nhsuk-header__navigation-link"
                aria-expanded={open}
                onClick={() => setOpen(!open)}
              >
                <span className="nhsuk-u-visually-hidden">Browse </span>More
              </button>
              {open && <ul className="nhsuk-header__menu-list">{rest.map(item)}</ul>}
            </li>
          )}
        </ul>
      </div>
    </nav>
  );
}

/** How many sections, from the first, fit in `room` pixels, keeping room for "More" if any do not. */
export function sectionsThatFit(widths: number[], room: number): number {
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= room) return widths.length;
  let used = moreButtonWidth;
  let n = 0;
  while (n < widths.length && used + (widths[n] as number) <= room) used += widths[n++] as number;
  return n;
}
