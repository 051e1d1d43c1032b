/** CCG 05C and sub-ICB location 05C share a code, so links name the kind too. */
export function orgHref(o: { code: string; kind: string }): string {
  return `/organisations/${encodeURIComponent(o.code)}?kind=${encodeURIComponent(o.kind)}`;
}

/** The explorer showing this organisation's tree on a date. */
export function treeHref(o: { code: string; kind: string }, on: string): string {
  const params = new URLSearchParams({ on, ...(o.code ? { org: o.code, kind: o.kind } : {}) });
  return `/explorer?${params}`;
}
