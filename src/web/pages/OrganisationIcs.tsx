import { Link } from '../components/Link.tsx';
import { useOrganisationIcs } from '../operating-model-endpoints.ts';

const roleNames: Record<string, string> = {
  'local-authority': 'Local authority',
  'director-of-public-health': 'Director of Public Health',
  'primary-care-leadership': 'Primary care leadership',
  'community-provider': 'Community services provider',
  'mental-health-provider': 'Mental health provider',
  healthwatch: 'Healthwatch',
  'acute-provider': 'Acute provider',
  'ambulance-provider': 'Ambulance provider',
  'voluntary-sector': 'Voluntary sector',
};

/** What the stored operating models say about an organisation: its places, collaboratives and board. */
export function OrganisationIcs({ code }: { code: string }) {
  const ics = useOrganisationIcs(code);
  if (!ics.data || ics.data.models.length === 0) return null;
  return (
    <section data-testid="organisation-ics">
      <h2 className="nhsuk-heading-m">In the ICS operating model</h2>
      {ics.data.models.map((m) => (
        <div key={m.id}>
          <p>
            <Link href="/ics">{m.name}</Link>
          </p>
          {m.places.map((p) => (
            <details className="nhsuk-details" key={p.name}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">{p.name} place partnership</span>
              </summary>
              <ul className="nhsuk-details__text nhsuk-list nhsuk-list--bullet">
                {p.members.map((x, i) => (
                  <li key={i}>
                    {roleNames[x.role] ?? x.role}
                    {x.organisation ? `: ${x.organisation}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ))}
          {m.collaboratives.length > 0 && (
            <>
              <h3 className="nhsuk-heading-s">Provider collaboratives</h3>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {m.collaboratives.map((c) => (
                  <li key={c.name}>
                    {c.name}: {c.members.join(', ')}
                    {c.lead ? ` (lead: ${c.lead})` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          {m.board.length > 0 && (
            <p className="nhsuk-body-s">
              Board of {m.board.length} members; its scheme of reservation and delegation is on the{' '}
              <Link href="/ics">operating model page</Link>.
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
