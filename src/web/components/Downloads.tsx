import { type ReactNode, useState } from 'react';
import { ApiError, type Problem } from '../api.ts';

/**
 * Where a table's figures come from on the server: a GET resource (path and query), or a POST
 * with the body the page sent (an allocation worked out from a form, a contract file replayed,
 * a check). A download asks the same resource for a file, so its figures are the server's,
 * never worked out again in the browser.
 */
export interface Resource {
  path: string;
  query?: Record<string, string | undefined>;
  post?: { body?: unknown };
}

/** The resource's address with its query and `extra`, leaving out what is not given. */
function href(r: Resource, extra: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...r.query, ...extra })) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${r.path}?${s}` : r.path;
}

/** POSTs for the file and hands it to the browser to save, under the name the server gives it. */
async function saveFile(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: '*/*' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, problem);
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = named?.[1] ?? 'concordat-download';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** A link to a GET resource's file, or a button that POSTs for it; a refusal is said beside it. */
function FileLink(props: {
  resource: Resource;
  params: Record<string, string | undefined>;
  className: string;
  children: ReactNode;
}) {
  const { resource, params, className, children } = props;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const url = href(resource, params);
  if (!resource.post)
    return (
      <a href={url} download className={className}>
        {children}
      </a>
    );
  const post = resource.post;
  return (
    <>
      <button
        type="button"
        className={className}
        aria-busy={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          saveFile(url, post.body)
            .catch((e: Error) => setError(e.message))
            .finally(() => setBusy(false));
        }}
      >
        {children}
      </button>
      {error && (
        <span className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
    </>
  );
}

/**
 * "Download CSV" and "Download Excel" beside a table. Each is named for the table to a screen
 * reader ("Download findings as Excel"); the CSV holds this one table (`table`), the workbook
 * every table of the answer with a sheet of its sources and dates.
 */
export function Downloads({ what, resource, table }: { what: string; resource: Resource; table: string }) {
  return (
    <p className="nhsuk-body-s concordat-downloads" data-testid={`download-${table}`}>
      <FileLink resource={resource} params={{ format: 'csv', table }} className="concordat-link">
        Download<span className="nhsuk-u-visually-hidden"> {what} as</span> CSV
      </FileLink>
      <FileLink resource={resource} params={{ format: 'xlsx' }} className="concordat-link">
        Download<span className="nhsuk-u-visually-hidden"> {what} as</span> Excel
      </FileLink>
    </p>
  );
}

/** "Board paper (PDF)": the paper the server draws from the same answer as the page. */
export function PaperButton({ resource }: { resource: Resource }) {
  return (
    <p className="concordat-downloads">
      <FileLink resource={resource} params={{}} className="nhsuk-button nhsuk-button--secondary">
        Board paper (PDF)
      </FileLink>
    </p>
  );
}
