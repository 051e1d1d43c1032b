import { formatDate } from '../../core/dates.ts';
import { mayDecideParties } from '../../core/roles.ts';
import { ApiError } from '../api.ts';
import { ErrorSummary } from '../components/forms.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { type PartyChange, useAcceptPartyChange, useParties, usePendingPartyChanges } from '../endpoints.ts';
import type { StoredArrangement, User } from '../types.ts';

/** The names the document gives each party's code, so a code reads as an organisation. */
function namesOf(a: StoredArrangement): Map<string, string> {
  const named = [...a.document.commissioners, ...a.document.providers];
  return new Map(named.flatMap((p) => (p.ods ? [[p.ods, p.name] as const] : [])));
}

const describeChange = (c: PartyChange, name: (code: string) => string) =>
  c.change === 'add'
    ? `Add ${name(c.organisation)} as a ${c.side}`
    : `Remove ${name(c.organisation)} (${c.side})`;

/**
 * Who is party to the arrangement, kept apart from its document: editing the document cannot
 * change it. Proposed changes awaiting acceptance are listed, with Accept for a commissioner
 * of a party they await (or an administrator); proposing is done through the API.
 */
export function Parties({ arrangement, user }: { arrangement: StoredArrangement; user: User }) {
  const parties = useParties(arrangement.id);
  const pending = usePendingPartyChanges(arrangement.id);
  const accept = useAcceptPartyChange(arrangement.id);
  const names = namesOf(arrangement);
  const name = (code: string) => (names.has(code) ? `${names.get(code)} (${code})` : code);
  const failed = accept.error instanceof ApiError ? accept.error.fieldErrors() : [];

  return (
    <>
      <p>
        Who is party decides who may see and change this arrangement. Editing the arrangement cannot change
        it: a commissioner of every commissioning party must accept a proposed change (or an administrator
        makes it), and each step is in the audit log.
      </p>
      {parties.data && (
        <ScrollBox label="Table">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Parties</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Side</th>
                <th scope="col">Party since</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {parties.data.map((p) => (
                <tr key={p.organisation}>
                  <td>{name(p.organisation)}</td>
                  <td>{p.side === 'commissioner' ? 'Commissioner' : 'Provider'}</td>
                  <td>{formatDate(p.since.slice(0, 10))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <ErrorSummary errors={failed.map((e) => ({ field: '', message: e.message }))} />
      {accept.data && (
        <div className="nhsuk-inset-text" role="status">
          <p>
            {accept.data.status === 'applied'
              ? `Accepted: ${describeChange(accept.data, name)} has taken effect.`
              : `Accepted. It still awaits ${accept.data.awaiting.map(name).join(', ')}.`}
          </p>
        </div>
      )}
      {pending.data && pending.data.length === 0 && <p>No change to the parties is awaiting acceptance.</p>}
      {pending.data && pending.data.length > 0 && (
        <ScrollBox label="Table">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">
              Proposed changes awaiting acceptance
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Why</th>
                <th scope="col">Proposed</th>
                <th scope="col">Awaiting</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {pending.data.map((c) => (
                <tr key={c.id}>
                  <td>{describeChange(c, name)}</td>
                  <td>{c.reason}</td>
                  <td>{formatDate(c.proposed_at.slice(0, 10))}</td>
                  <td>{c.awaiting.map(name).join(', ')}</td>
                  <td>
                    {mayDecideParties(user.roles, c.awaiting) && (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                        disabled={accept.isPending}
                        onClick={() => accept.mutate(c.id)}
                      >
                        Accept<span className="nhsuk-u-visually-hidden">: {describeChange(c, name)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
