/**
 * Does `actual` contain `expected`? Objects match when every expected key matches; arrays
 * match when every expected element matches some actual element; anything else by equality.
 * Used by scenarios so that a worked case states only what matters to its answer.
 */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((e) => actual.some((a) => containsSubset(a, e)));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).every(([k, v]) => containsSubset(record[k], v));
  }
  return Object.is(actual, expected);
}

/** Deep merge for scenario patches: objects merge key by key, arrays and values replace. */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = mergePatch(out[k], v);
  return out;
}

/** Appends to arrays by key: `{ activities: [x] }` adds x to the base's activities. */
export function appendTo(base: unknown, additions: Record<string, unknown[]>): unknown {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, extra] of Object.entries(additions)) {
    const current = out[k];
    out[k] = [...(Array.isArray(current) ? current : []), ...extra];
  }
  return out;
}
