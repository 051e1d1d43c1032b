/**
 * Dates as whole numbers for the generator: days since 1 January 1970, and months as
 * year × 12 + (month − 1). A birthday is the 1st of the birth month, as everywhere in Concordat.
 */
const dayMs = 86_400_000;

export function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / dayMs;
}

export function monthOfDay(day: number): number {
  const d = new Date(day * dayMs);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

const firstMonth = 1800 * 12;
const monthStarts = Int32Array.from({ length: 300 * 12 }, (_, i) =>
  Math.round(Date.UTC(Math.floor((firstMonth + i) / 12), (firstMonth + i) % 12, 1) / dayMs),
);

/** The day a month (year × 12 + month − 1) starts. */
export function firstDayOfMonth(month: number): number {
  const day = monthStarts[month - firstMonth];
  if (day === undefined) throw new RangeError(`month ${month} is outside 1800–2099`);
  return day;
}
