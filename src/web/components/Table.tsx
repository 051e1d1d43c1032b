import type { ReactNode } from 'react';
import { ScrollBox } from './ScrollBox.tsx';

/** One row of a table: the heading that says what the row is about, then its other cells. */
export interface TableRow {
  key: string | number;
  head: ReactNode;
  cells: ReactNode[];
}

/** An NHS table: column headings, then rows each led by a row heading. */
export function Table({ columns, rows, testId }: { columns: string[]; rows: TableRow[]; testId?: string }) {
  return (
    <ScrollBox label="Table">
      <table className="nhsuk-table" data-testid={testId}>
        <thead className="nhsuk-table__head">
          <tr>
            {columns.map((c, i) => (
              <th scope="col" key={i}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.head}</th>
              {r.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
