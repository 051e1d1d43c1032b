import { type FormEvent, useState } from 'react';
import { formatDate, isIsoDate, today as todayInEngland } from '../../core/dates.ts';
import { editors, holdsOneOf } from '../../core/roles.ts';
import { ApiError } from '../api.ts';
import { diffArrangements } from '../arrangement-diff.ts';
import type { Namer } from '../arrangement-draft.ts';
import { compareChecks } from '../check-compare.ts';
import { ErrorSummary, Select, TextInput } from '../components/forms.tsx';
import { Link } from '../components/Link.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import {
  type ArrangementVersion,
  useActivityCatalogue,
  useArrangement,
  useCheck,
  useRestoreVersion,
  useServiceCatalogue,
  useVersions,
} from '../endpoints.ts';
import { navigate, useLocation } from '../router.ts';
import type { Arrangement, StoredArrangement, User } from '../types.ts';
import { CheckCounts, Findings } from './findings.tsx';

/** Names in one version's own words: a party renamed since reads as it did then. */
function namerFor(a: Arrangement, service: (id: string) => string): Namer {
  return {
    service,
    party: (id) => [...a.commissioners, ...a.providers].find((p) => p.id === id)?.name ?? id,
  };
}

const describeVersion = (v: ArrangementVersion) =>
  `Version ${v.version}, ${formatDate(v.changed_at.slice(0, 10))}: ${v.reason}`;

/**
 * Two versions side by side (`?from=1&to=2`, in the address so a comparison can be shared):
 * who saved each and why, what changed part by part, and which findings the change brought
 * or cleared on the date checked. An earlier version can be restored from here as a new
 * version, with a reason.
 */
export function CompareVersions({ id, user }: { id: string; user: User }) {
  const arrangement = useArrangement(id);
  const versions = useVersions(id);
  if (arrangement.isPending || versions.isPending) return <p>Loading the versions…</p>;
  if (arrangement.error) return <p className="nhsuk-error-message">{arrangement.error.message}</p>;
  if (versions.error) return <p className="nhsuk-error-message">{versions.error.message}</p>;
  return <Comparison stored={arrangement.data} versions={versions.data} user={user} />;
}

function Comparison({
  stored,
  versions,
  user,
}: {
  stored: StoredArrangement;
  versions: ArrangementVersion[];
  user: User;
}) {
  const url = useLocation();
  const today = todayInEngland();
  const number = (name: string, fallback: number) => {
    const v = Number(url.searchParams.get(name));
    return versions.some((x) => x.version === v) ? v : fallback;
  };
  const to = number('to', stored.version);
  const from = number('from', Math.max(1, to - 1));
  const asked = url.searchParams.get('on');
  const on = asked && isIsoDate(asked) ? asked : today;
  const [a, b] = [versions.find((v) => v.version === from), versions.find((v) => v.version === to)];
  const first = useCheck(stored.id, from, on);
  const second = useCheck(stored.id, to, on);
  const services = useServiceCatalogue(on).data ?? [];
  const activities = useActivityCatalogue(on).data ?? [];
  const service = (s: string) => services.find((x) => x.service === s)?.title ?? s;
  const activity = (x: string) => activities.find((y) => y.activity === x)?.title ?? x;
  const home = `/arrangements/${encodeURIComponent(stored.id)}`;
  const choose = (name: string, value: string) => {
    const next = new URL(url);
    next.searchParams.set(name, value);
    navigate(next.pathname + next.search, { replace: true, keepScroll: true });
  };
  const options = versions.map((v) => ({ value: String(v.version), text: describeVersion(v) }));
  if (!a || !b) return <p>There are no such versions.</p>;
  const changes = diffArrangements(
    a.document,
    b.document,
    { before: namerFor(a.document, service), after: namerFor(b.document, service) },
    activity,
  );
  const findings = first.data && second.data ? compareChecks(first.data, second.data) : undefined;

  return (
    <>
      <Link className="nhsuk-back-link" href={home}>
        Back to the arrangement
      </Link>
      <span className="nhsuk-caption-l">
        {stored.name}
        <span className="nhsuk-u-visually-hidden"> – </span>
      </span>
      <h1>Compare versions</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Select
            id="compare-from"
            label="Earlier version"
            value={String(from)}
            options={options}
            onChange={(v) => choose('from', v)}
          />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <Select
            id="compare-to"
            label="Later version"
            value={String(to)}
            options={options}
            onChange={(v) => choose('to', v)}
          />
        </div>
      </div>
      <div className="nhsuk-grid-row" data-testid="versions-side-by-side">
        {[
          { v: a, check: first },
          { v: b, check: second },
        ].map(({ v, check }) => (
          <div className="nhsuk-grid-column-one-half" key={`${v.version}`}>
            <h2 className="nhsuk-heading-m">Version {v.version}</h2>
            <p className="nhsuk-body-s">
              Saved {formatDate(v.changed_at.slice(0, 10))}. Why: {v.reason}
            </p>
            {check.data ? <CheckCounts report={check.data} /> : <p>Checking on {formatDate(on)}…</p>}
          </div>
        ))}
      </div>

      <h2 id="changes-title">
        What changed from version {from} to version {to}
      </h2>
      {changes.length === 0 ? (
        <p>Nothing: the two versions are the same.</p>
      ) : (
        <ScrollBox label="Table">
          <table className="nhsuk-table" data-testid="version-changes">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Each change, with what it was in version {from} and what it is in version {to}
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">What</th>
                <th scope="col">Version {from}</th>
                <th scope="col">Version {to}</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {changes.map((c, i) => (
                // The same item can change in several fields: the row's place keeps them apart.
                <tr key={`${c.part}:${c.item}:${c.field ?? ''}:${i}`}>
                  <th scope="row">
                    <span className="nhsuk-body-s concordat-secondary">{c.part}</span>
                    <br />
                    {c.item}
                    {c.field && `: ${c.field}`}
                  </th>
                  <td>{c.before ?? <em>Not in this version</em>}</td>
                  <td>{c.after ?? <em>Not in this version</em>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}

      <h2 id="findings-title">Which findings changed, on {formatDate(on)}</h2>
      {!findings && <p>Checking both versions…</p>}
      {findings && findings.onlyFirst.length === 0 && findings.onlySecond.length === 0 && (
        <p>The check finds the same in both versions.</p>
      )}
      {findings && findings.onlySecond.length > 0 && (
        <section aria-labelledby="findings-new" data-testid="findings-new">
          <h3 id="findings-new">New in version {to}</h3>
          <Findings findings={findings.onlySecond} />
        </section>
      )}
      {findings && findings.onlyFirst.length > 0 && (
        <section aria-labelledby="findings-gone" data-testid="findings-gone">
          <h3 id="findings-gone">
            In version {from}, gone in version {to}
          </h3>
          <Findings findings={findings.onlyFirst} />
        </section>
      )}

      {holdsOneOf(user.roles, editors, stored.parties) && (
        <Restore stored={stored} versions={versions} suggested={from} />
      )}
    </>
  );
}

/** Restoring an earlier version: its document saved again as the newest version, with a reason. */
function Restore({
  stored,
  versions,
  suggested,
}: {
  stored: StoredArrangement;
  versions: ArrangementVersion[];
  suggested: number;
}) {
  const earlier = versions.filter((v) => v.version !== stored.version);
  const [chosen, setChosen] = useState(
    String(earlier.some((v) => v.version === suggested) ? suggested : (earlier.at(-1)?.version ?? '')),
  );
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const restore = useRestoreVersion(stored.id);
  if (earlier.length === 0) return null;
  const missing = tried && reason.trim() === '' ? 'Enter why you are restoring it' : undefined;
  const failed =
    restore.error instanceof ApiError && restore.error.status === 409
      ? 'Someone else saved a newer version first. Reload the page and choose again.'
      : restore.error?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim() === '') return;
    restore.mutate(
      { restoring: Number(chosen), version: stored.version, reason: reason.trim() },
      {
        onSuccess: (saved) =>
          navigate(`/arrangements/${encodeURIComponent(saved.id)}?saved=${saved.version}`),
      },
    );
  };
  return (
    <section aria-labelledby="restore-title">
      <h2 id="restore-title">Restore an earlier version</h2>
      <p>
        The version you choose is saved again as version {stored.version + 1}. Nothing is lost: version{' '}
        {stored.version} and every other version stay in the history.
      </p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          errors={[
            ...(missing ? [{ field: 'restore-reason', message: missing }] : []),
            ...(failed ? [{ field: '', message: failed }] : []),
          ]}
        />
        <Select
          id="restore-version"
          label="Version to restore"
          value={chosen}
          options={earlier.map((v) => ({ value: String(v.version), text: describeVersion(v) }))}
          onChange={setChosen}
        />
        <TextInput
          id="restore-reason"
          label="Why are you restoring it?"
          hint="This goes in the audit log with your name"
          value={reason}
          error={missing}
          onChange={setReason}
        />
        <button className="nhsuk-button" type="submit" disabled={restore.isPending}>
          Restore version {chosen}
        </button>
      </form>
    </section>
  );
}
