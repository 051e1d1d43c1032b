import { formatDate } from '../../core/dates.ts';
import { Link } from '../components/Link.tsx';
import { type OrganisationIcs as Ics, useOrganisationIcs, useSord } from '../operating-model-endpoints.ts';
import { partnershipRoles, placeForms, wordsFor } from '../operating-model-words.ts';
import { BoardTable, SordTable } from './OperatingModel.tsx';

type Model = Ics['models'][number];

/** The ICB's scheme of reservation and delegation, read from the stored model. */
function Sord({ model }: { model: Model }) {
  const sord = useSord(model.id, model.version);
  if (sord.error) return <p className="nhsuk-error-message">{sord.error.message}</p>;
  if (!sord.data) return <p>Loading…</p>;
  if (sord.data.length === 0) return <p>The model records no decisions yet.</p>;
  return <SordTable rows={sord.data} idPrefix={`sord-${model.id}`} />;
}

/**
 * What the stored operating models say about an organisation: the place partnerships it is
 * in (or, for an ICB, all of its places), the provider collaboratives it belongs to, and for
 * an ICB its board and scheme of reservation and delegation. With `on`, only the model of
 * each ICB in force that day (the explorer); without, every model naming it (its page).
 */
export function OrganisationIcs({
  code,
  on,
  governance = true,
}: {
  code: string;
  on?: string | undefined;
  /** Whether to show an ICB's board and SoRD as well as its places and collaboratives. */
  governance?: boolean;
}) {
  const ics = useOrganisationIcs(code, on);
  if (ics.error) return <p className="nhsuk-error-message">{ics.error.message}</p>;
  if (!ics.data) return null;
  const models = ics.data.models;
  if (on && models.length === 0)
    return (
      <section data-testid="organisation-ics">
        <h2 className="nhsuk-heading-m">In the ICS operating model on {formatDate(on)}</h2>
        <p>No stored operating model in force on this date names it.</p>
      </section>
    );
  if (models.length === 0) return null;
  return (
    <section data-testid="organisation-ics" aria-labelledby={`ics-${code}`}>
      <h2 className="nhsuk-heading-m" id={`ics-${code}`}>
        {on ? `In the ICS operating model on ${formatDate(on)}` : 'In the ICS operating model'}
      </h2>
      {models.map((m) => (
        <section key={m.id} data-testid={`ics-model-${m.id}`} aria-labelledby={`ics-model-${m.id}`}>
          <h3 className="nhsuk-heading-s" id={`ics-model-${m.id}`}>
            <Link href={`/ics/${encodeURIComponent(m.id)}`}>{m.name}</Link>
          </h3>
          <p className="nhsuk-body-s">
            {m.icb_name}
            {m.effective_from ? `, in force from ${formatDate(m.effective_from)}` : ''}.
          </p>
          {m.places.length > 0 && <h4 className="nhsuk-heading-xs">Place partnerships</h4>}
          {m.places.map((p) => (
            <details className="nhsuk-details" key={p.name}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">{p.name} place partnership</span>
              </summary>
              <div className="nhsuk-details__text">
                <p>
                  {wordsFor(placeForms, p.form)}
                  {p.decided_by ? `: ${p.decided_by}` : ''}.
                </p>
                <ul className="nhsuk-list nhsuk-list--bullet">
                  {p.members.map((x, i) => (
                    <li key={i}>
                      {wordsFor(partnershipRoles, x.role)}
                      {x.organisation ? `: ${x.organisation}` : ''}
                    </li>
                  ))}
                </ul>
              </div>
            </details>
          ))}
          {m.collaboratives.length > 0 && (
            <>
              <h4 className="nhsuk-heading-xs">Provider collaboratives</h4>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {m.collaboratives.map((c) => (
                  <li key={c.name}>
                    {c.name}: {c.members.join(', ')}
                    {c.lead ? ` (lead: ${c.lead})` : ''}
                    {c.functions.length ? `. ${c.functions.join('; ')}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          {governance && m.board.length > 0 && (
            <>
              <h4 className="nhsuk-heading-xs">Board</h4>
              <BoardTable members={m.board} testId={`board-${m.id}`} />
              <h4 className="nhsuk-heading-xs">Scheme of reservation and delegation</h4>
              <Sord model={m} />
            </>
          )}
        </section>
      ))}
    </section>
  );
}
