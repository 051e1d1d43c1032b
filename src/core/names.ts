/**
 * The NHS registry (ODS) holds most names in capitals ("THE DUDLEY GROUP NHS FOUNDATION
 * TRUST"). People read them more easily as written in letters and papers, so a name held
 * wholly in capitals is shown in title case, keeping the initialisms the NHS writes in
 * capitals and short joining words in lower case. Names already in mixed case are left
 * as their owners wrote them.
 */

const initialisms = new Set([
  'NHS',
  'ICB',
  'ICS',
  'ICP',
  'CCG',
  'PCN',
  'GP',
  'GPS',
  'LLP',
  'CIC',
  'UK',
  'NE',
  'NW',
  'SE',
  'SW',
  'II',
  'III',
  'IV',
  'HC',
  'MC',
  'PLC',
  'CIO',
  'LTD',
]);
const small = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'by', 'with', 'upon', 'to', 'de']);

const shownAs: Record<string, string> = { GPS: 'GPs', LTD: 'Ltd', PLC: 'plc' };

function word(w: string, first: boolean): string {
  if (initialisms.has(w)) return shownAs[w] ?? w;
  const lower = w.toLowerCase();
  if (!first && small.has(lower)) return lower;
  // Capitalise after hyphens and apostrophes' starts: "STOKE-ON-TRENT" → "Stoke-on-Trent".
  return lower.replace(/(^|[-(/])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export function organisationName(name: string): string {
  if (/[a-z]/.test(name)) return name;
  return name
    .split(/(\s+)/)
    .map((part, i) => (/^\s+$/.test(part) ? part : word(part, i === 0)))
    .join('')
    .replace(/-(On|Upon|Under|In|Le|By)-/g, (m) => m.toLowerCase());
}
