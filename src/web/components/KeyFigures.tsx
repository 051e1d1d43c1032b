import type { ReactNode } from 'react';

export interface KeyFigure {
  label: string;
  /** The figure as a board reads it: money in £m (`formatMillions`), counts with separators. */
  value: ReactNode;
  /** A line under the figure: what it is made of, or where it comes from. */
  note?: ReactNode;
}

/**
 * The few figures a page is about, as a board paper's key-figures box shows them: large, in
 * £m, each in a card. Detail tables below give the same money to the penny.
 */
export function KeyFigures({
  figures,
  label,
  testId,
}: {
  figures: KeyFigure[];
  label: string;
  testId?: string;
}) {
  return (
    <ul className="nhsuk-grid-row nhsuk-card-group" aria-label={label} data-testid={testId}>
      {figures.map((f) => (
        <li key={f.label} className="nhsuk-grid-column-one-third nhsuk-card-group__item">
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <p className="nhsuk-card__description nhsuk-u-margin-bottom-1">{f.label}</p>
              <p className="nhsuk-heading-l nhsuk-u-margin-bottom-1 concordat-key-figure">{f.value}</p>
              {f.note && <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{f.note}</p>}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
