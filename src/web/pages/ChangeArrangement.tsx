import { editors, holdsOneOf } from '../../core/roles.ts';
import { useArrangement } from '../endpoints.ts';
import { useSessionState } from '../hooks.ts';
import { navigate } from '../router.ts';
import type { Arrangement, StoredArrangement, User } from '../types.ts';
import { ArrangementFlow } from './flow/ArrangementFlow.tsx';

/**
 * Changing a stored arrangement in the same question pages as creating one, starting from
 * "Check your answers". The changes are kept in the tab until saved, against the version
 * they started from: a version saved meanwhile starts them again from that one.
 */
export function ChangeArrangement({ id, step, user }: { id: string; step: string; user: User }) {
  const arrangement = useArrangement(id);
  if (arrangement.isPending) return <p>Loading the arrangement…</p>;
  if (arrangement.error) return <p className="nhsuk-error-message">{arrangement.error.message}</p>;
  const stored = arrangement.data;
  if (!holdsOneOf(user.roles, editors, stored.parties))
    return (
      <>
        <h1>{stored.name}</h1>
        <p>Your role lets you read this arrangement but not change it.</p>
      </>
    );
  return <Changes key={`${stored.id}:${stored.version}`} stored={stored} step={step} user={user} />;
}

function Changes({ stored, step, user }: { stored: StoredArrangement; step: string; user: User }) {
  const [draft, setDraft] = useSessionState<Arrangement>(
    `concordat:change:${stored.id}:${stored.version}`,
    () => stored.document,
  );
  const home = `/arrangements/${encodeURIComponent(stored.id)}`;
  return (
    <ArrangementFlow
      base={`${home}/change`}
      step={step}
      start={home}
      caption={`Change ${stored.name}`}
      draft={draft}
      setDraft={setDraft}
      stored={stored}
      user={user}
      onSaved={(saved) => {
        setDraft(null);
        navigate(`/arrangements/${encodeURIComponent(saved.id)}?saved=${saved.version}`);
      }}
    />
  );
}
