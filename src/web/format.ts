/**
 * How the web app writes what the shared core (src/core/dates.ts, src/core/money.ts) does not:
 * counts and the like. Dates, money and financial years come from the core, as on the server.
 */

/** Whole numbers with thousands separators: 12,345. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}
