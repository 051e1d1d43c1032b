import { today as todayInEngland } from '../../../core/dates.ts';
import { Link } from '../../components/Link.tsx';
import { useOperatingModel } from '../../operating-model-endpoints.ts';
import { canEditOperatingModel } from '../../roles.ts';
import type { User } from '../../types.ts';
import { BoardPage } from './BoardPage.tsx';
import { BudgetsPage } from './BudgetsPage.tsx';
import { CollaborativeItem, CollaborativesList } from './CollaborativesPage.tsx';
import { CommitteeItem, CommitteesList } from './CommitteesPage.tsx';
import { DetailsPage } from './DetailsPage.tsx';
import { EditorProvider, keptDraft } from './editor-state.tsx';
import { OrganisationItem, OrganisationsList } from './OrganisationsPage.tsx';
import { Overview } from './Overview.tsx';
import { PlaceItem, PlacesList } from './PlacesPage.tsx';
import { SordItem, SordList } from './SordPage.tsx';

/** The question page at `rest`, the address under the editor's overview. */
function EditorPage({ rest, title }: { rest: string[]; title: string }) {
  const [part, which] = rest;
  if (part === undefined) return <Overview title={title} />;
  if (which !== undefined && which !== 'new' && !/^\d+$/.test(which)) return <NotFound />;
  switch (part) {
    case 'details':
      return <DetailsPage />;
    case 'board':
      return <BoardPage />;
    case 'budgets':
      return <BudgetsPage />;
    case 'organisations':
      return which ? <OrganisationItem key={which} which={which} /> : <OrganisationsList />;
    case 'committees':
      return which ? <CommitteeItem key={which} which={which} /> : <CommitteesList />;
    case 'places':
      return which ? <PlaceItem key={which} which={which} /> : <PlacesList />;
    case 'collaboratives':
      return which ? <CollaborativeItem key={which} which={which} /> : <CollaborativesList />;
    case 'sord':
      return which ? <SordItem key={which} which={which} /> : <SordList />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>This part of the operating model editor does not exist.</p>
    </>
  );
}

function CannotEdit({ href }: { href: string }) {
  return (
    <>
      <h1>You cannot change this operating model</h1>
      <p>
        Only the integrated care board's governance lead (its commissioner role) or an administrator can
        change it. You can still <Link href={href}>read it</Link>.
      </p>
    </>
  );
}

/**
 * The guided editor of an operating model (`/ics/{id}/edit/…`, or `/ics/new/edit/…` for one
 * started on /ics/new): an overview of the parts, and question pages for each. It stays
 * mounted while the reader moves between its pages, so the draft is shared by them all.
 */
export function OperatingModelEditor({
  modelKey,
  rest,
  user,
}: {
  modelKey: string;
  rest: string[];
  user: User;
}) {
  const isNew = modelKey === 'new';
  const stored = useOperatingModel(isNew ? undefined : modelKey);
  if (isNew) {
    const kept = keptDraft('new');
    if (!kept)
      return (
        <>
          <h1>No new operating model in progress</h1>
          <p>
            <Link href="/ics/new">Start a new operating model</Link>.
          </p>
        </>
      );
    if (!canEditOperatingModel(user.roles, kept.model.icb.code)) return <CannotEdit href="/ics" />;
    return (
      <EditorProvider modelKey="new" start={kept.model} base={undefined} startOn={kept.on}>
        <EditorPage rest={rest} title="New operating model" />
      </EditorProvider>
    );
  }
  if (stored.isPending) return <p>Loading…</p>;
  if (stored.error) return <p className="nhsuk-error-message">{stored.error.message}</p>;
  const { data } = stored;
  if (!canEditOperatingModel(user.roles, data.icb))
    return <CannotEdit href={`/ics/${encodeURIComponent(data.id)}`} />;
  const kept = keptDraft(data.id, data.version);
  return (
    <EditorProvider
      key={data.version}
      modelKey={data.id}
      start={kept?.model ?? data.document}
      base={data.version}
      startOn={kept?.on ?? data.document.effective_from ?? todayInEngland()}
    >
      <EditorPage rest={rest} title={`Changing version ${data.version}`} />
    </EditorProvider>
  );
}
