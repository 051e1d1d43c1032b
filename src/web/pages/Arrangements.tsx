import { formatDate } from '../../core/dates.ts';
import { editors, holdsOneOf } from '../../core/roles.ts';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useArrangements } from '../endpoints.ts';
import type { User } from '../types.ts';

export function Arrangements({ user }: { user: User }) {
  const list = useArrangements();
  return (
    <>
      <h1>Arrangements</h1>
      <p>Integrated care arrangements you can see. Open one to check it on a date or change it.</p>
      {holdsOneOf(user.roles, editors) && (
        <p>
          <Link className="nhsuk-button" href="/arrangements/new">
            Create an arrangement
          </Link>
        </p>
      )}
      {list.isPending && <p>Loading…</p>}
      {list.error && <p className="nhsuk-error-message">{list.error.message}</p>}
      {list.data && list.data.length === 0 && <p>There are no arrangements yet.</p>}
      {list.data && list.data.length > 0 && (
        <ScrollBox label="Table">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Arrangements</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Arrangement</th>
                <th scope="col">Version</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/arrangements/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                  </td>
                  <td>{a.version}</td>
                  <td>{formatDate(a.updated_at.slice(0, 10))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
