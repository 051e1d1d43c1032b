import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { InvalidInput } from '../../core/errors.ts';
import type { OrganisationKind } from '../../core/organisations.ts';
import { readGzipCsv, readTable } from './csv.ts';

/**
 * The NHS system registry built from the real reference files in data/nhs (see its README):
 * organisations with open and close dates, who was part of whom and when, and who
 * succeeded whom.
 *
 * The files are snapshots, so the history is built from three eras (assumptions written
 * down in docs/decisions/0003-nhs-registry-history.md):
 * - CCG era, 1 April 2021 – 30 June 2022: practice → PCN → CCG → STP/ICS → region
 *   (snapshot of 31 March 2021, the 106 CCGs in place from 1 April 2021).
 * - First ICBs, 1 July 2022 – 31 March 2026: 42 ICBs (their practices from the 2025/26
 *   allocation file); each CCG became a sub-ICB location with the same code (Health and Care
 *   Act 2022, s.14 and s.19), and each STP code became its ICB's code.
 * - Merged ICBs, from 1 April 2026: 36 ICBs (snapshot of 1 August 2026).
 * Where a snapshot leaves a gap (which PCN a practice was in between 2021 and 2026), the
 * earlier membership is taken to last until the later snapshot's era begins.
 */

export const attribution =
  'Contains public sector information licensed under the Open Government Licence v3.0.';

export const eras = {
  ccg: { from: '2021-04-01', to: '2022-06-30' },
  firstIcbs: { from: '2022-07-01', to: '2026-03-31' },
  mergedIcbs: { from: '2026-04-01', to: null },
} as const;

export const files = {
  map2026: 'gp-practice-map-2026-08.csv.gz',
  ccgEra: 'nhs-geographies-ccg-era-2021-03.csv.gz',
  allocations: 'allocation-weighted-populations-2025-26.csv.gz',
  trusts: 'etr-trusts-2026.csv.gz',
  practices: 'epraccur-2023.csv.gz',
  listSizes: 'qof-prevalence-by-practice-2020-21.csv.gz',
} as const;

/**
 * Practice list sizes: the only per-practice registered counts in data/nhs are those of
 * QOF 2020/21, which counts the patients registered at 1 January 2021. Whole-practice
 * list sizes are published unsuppressed by NHS Digital, so they are shown as published.
 */
export const listSizesAsAt = '2021-01-01';

/** Where the registry's list sizes come from and the date they count patients on, as answers cite it. */
export const listSizesSource = {
  /** The publication as a commissioner knows it (no file names). */
  title: "NHS Digital's Quality and Outcomes Framework 2020/21 practice list sizes",
  as_at: listSizesAsAt,
  source: `QOF 2020/21 practice list sizes (data/nhs/${files.listSizes})`,
};

export interface RegistryOrganisation {
  code: string;
  kind: OrganisationKind;
  name: string;
  opened: string | null;
  closed: string | null;
  source: string;
}

export interface RegistryLink {
  child: string;
  parent: string;
  from: string;
  to: string | null;
  source: string;
}

export interface RegistrySuccession {
  predecessor: string;
  successor: string;
  on: string;
  source: string;
}

/** Patients registered at a practice on `as_at` (`practice` is a registry key). */
export interface RegistryListSize {
  practice: string;
  as_at: string;
  list_size: number;
  source: string;
}

export interface Registry {
  digest: string;
  listSizes: RegistryListSize[];
  organisations: Map<string, RegistryOrganisation>;
  memberships: RegistryLink[];
  successions: RegistrySuccession[];
}

/** `kind:code`, the key that tells CCG 05C from sub-ICB location 05C. */
export const key = (kind: OrganisationKind, code: string) => `${kind}:${code}`;

/** A fingerprint of the reference files: the same files give the same digest, so a re-import can be skipped. */
export function digestOf(dir: string): string {
  const digest = createHash('sha256');
  for (const f of Object.values(files)) {
    try {
      digest.update(f).update(readFileSync(join(dir, f)));
    } catch {
      throw new InvalidInput(
        join(dir, f),
        'is missing',
        'Point the import at the folder with the files listed in data/nhs/README.md.',
      );
    }
  }
  return digest.digest('hex');
}

export function readNhsRegistry(dir: string): Registry {
  const digest = digestOf(dir);
  const map2026 = readTable(join(dir, files.map2026), [
    'PRACTICE_CODE',
    'PRACTICE_NAME',
    'PCN_CODE',
    'PCN_NAME',
    'SUB_ICB_LOCATION_CODE',
    'SUB_ICB_LOCATION_NAME',
    'ICB_CODE',
    'ICB_NAME',
    'COMM_REGION_CODE',
    'COMM_REGION_NAME',
  ]);
  const ccgEra = readTable(join(dir, files.ccgEra), [
    'REGION_ODS_CODE',
    'REGION_NAME',
    'STP_ODS_CODE',
    'STP_NAME',
    'CCG_ODS_CODE',
    'CCG_NAME',
    'PCN_ODS_CODE',
    'PCN_NAME',
    'PRACTICE_CODE',
    'PRACTICE_NAME',
  ]);
  const allocations = readTable(join(dir, files.allocations), [
    'Practice_Code',
    'ICB',
    'ICBname',
    'Rcode',
    'Region',
    'LAD',
    'LTLA',
  ]);
  const trusts = readGzipCsv(join(dir, files.trusts));
  const practices = readGzipCsv(join(dir, files.practices));

  const orgs = new Map<string, RegistryOrganisation>();
  const put = (kind: OrganisationKind, code: string, name: string, source: string, where: string) => {
    if (!code)
      throw new InvalidInput(
        where,
        `has a ${kind} with no code`,
        'The file looks damaged; restore it from the repository.',
      );
    const k = key(kind, code);
    if (!orgs.has(k)) orgs.set(k, { code, kind, name, opened: null, closed: null, source });
    return k;
  };
  // Both files put every practice in no PCN under one national pseudo-PCN 'U' ("Unallocated"):
  // kept as one organisation it would pull practices from all over England into each tree
  // it appears in. Each sub-ICB location (or CCG) gets its own, coded U-<its code>.
  const putPcn = (
    code: string | undefined,
    name: string | undefined,
    parent: string | undefined,
    source: string,
    where: string,
  ) =>
    code === 'U'
      ? put('pcn', `U-${parent ?? ''}`, `Practices in no PCN (${parent ?? ''})`, source, where)
      : put('pcn', code ?? '', name ?? '', source, where);
  const links: RegistryLink[] = [];
  const link = (child: string, parent: string, era: { from: string; to: string | null }, source: string) =>
    links.push({ child, parent, from: era.from, to: era.to, source });
  const ccgEraSpan = { from: eras.ccg.from, to: eras.firstIcbs.to };

  // Newest names first: the 2026 map names practices, PCNs and regions as they are now.
  const icbsNow = new Set<string>();
  const subIcbsNow = new Set<string>();
  map2026.forEach((r, i) => {
    const at = `${files.map2026} line ${i + 2}`;
    const region = put('region', r.COMM_REGION_CODE ?? '', r.COMM_REGION_NAME ?? '', files.map2026, at);
    const icb = put('icb', r.ICB_CODE ?? '', r.ICB_NAME ?? '', files.map2026, at);
    const sub = put(
      'sub-icb-location',
      r.SUB_ICB_LOCATION_CODE ?? '',
      r.SUB_ICB_LOCATION_NAME ?? '',
      files.map2026,
      at,
    );
    const pcn = putPcn(r.PCN_CODE, r.PCN_NAME, r.SUB_ICB_LOCATION_CODE, files.map2026, at);
    const practice = put('practice', r.PRACTICE_CODE ?? '', r.PRACTICE_NAME ?? '', files.map2026, at);
    icbsNow.add(icb);
    subIcbsNow.add(sub);
    link(practice, pcn, eras.mergedIcbs, files.map2026);
    link(pcn, sub, eras.mergedIcbs, files.map2026);
    link(sub, icb, eras.mergedIcbs, files.map2026);
    link(icb, region, eras.mergedIcbs, files.map2026);
  });

  const ccgOfPractice = new Map<string, string>();
  ccgEra.forEach((r, i) => {
    const at = `${files.ccgEra} line ${i + 2}`;
    const region = put('region', r.REGION_ODS_CODE ?? '', r.REGION_NAME ?? '', files.ccgEra, at);
    const stp = put('stp', r.STP_ODS_CODE ?? '', r.STP_NAME ?? '', files.ccgEra, at);
    const ccg = put('ccg', r.CCG_ODS_CODE ?? '', r.CCG_NAME ?? '', files.ccgEra, at);
    const pcn = putPcn(r.PCN_ODS_CODE, r.PCN_NAME, r.CCG_ODS_CODE, files.ccgEra, at);
    const practice = put('practice', r.PRACTICE_CODE ?? '', r.PRACTICE_NAME ?? '', files.ccgEra, at);
    ccgOfPractice.set(r.PRACTICE_CODE ?? '', r.CCG_ODS_CODE ?? '');
    link(practice, pcn, ccgEraSpan, files.ccgEra);
    link(pcn, ccg, eras.ccg, files.ccgEra);
    link(ccg, stp, eras.ccg, files.ccgEra);
    link(stp, region, eras.ccg, files.ccgEra);
  });

  // 1 July 2022: each CCG continues as a sub-ICB location with the same code, and its PCNs with it.
  const ccgCodes = [...orgs.values()].filter((o) => o.kind === 'ccg').map((o) => o.code);
  const successions: RegistrySuccession[] = [];
  for (const code of ccgCodes) {
    const existing = orgs.get(key('sub-icb-location', code));
    const sub = put('sub-icb-location', code, existing?.name ?? '', files.ccgEra, files.ccgEra);
    successions.push({
      predecessor: key('ccg', code),
      successor: sub,
      on: eras.firstIcbs.from,
      source: files.ccgEra,
    });
  }
  for (const l of links.filter(
    (l) => l.source === files.ccgEra && l.child.startsWith('pcn:') && l.parent.startsWith('ccg:'),
  )) {
    link(l.child, `sub-icb-location:${l.parent.slice(4)}`, eras.firstIcbs, files.ccgEra);
  }

  // The 42 ICBs of 2022–2026, from the 2025/26 allocation file (practice → ICB).
  const icbsThen = new Set<string>();
  const subToIcbVotes = new Map<string, Map<string, number>>();
  const icbToIcbVotes = new Map<string, Map<string, number>>();
  const subToSubVotes = new Map<string, Map<string, number>>();
  const nowOfPractice = new Map(map2026.map((r) => [r.PRACTICE_CODE ?? '', r]));
  allocations.forEach((r, i) => {
    const at = `${files.allocations} line ${i + 2}`;
    const region = put('region', r.Rcode ?? '', (r.Region ?? '').replace(/^NHS /, ''), files.allocations, at);
    const icb = put(
      'icb',
      r.ICB ?? '',
      (r.ICBname ?? '').replace(/ ICB$/, ' Integrated Care Board'),
      files.allocations,
      at,
    );
    if (!icbsThen.has(icb)) link(icb, region, eras.firstIcbs, files.allocations);
    icbsThen.add(icb);
    if (r.LAD) put('local-authority', r.LAD, r.LTLA ?? r.LAD, files.allocations, at);
    const practice = r.Practice_Code ?? '';
    const ccg = ccgOfPractice.get(practice);
    if (ccg) vote(subToIcbVotes, key('sub-icb-location', ccg), icb);
    const now = nowOfPractice.get(practice);
    if (now) {
      vote(icbToIcbVotes, icb, key('icb', now.ICB_CODE ?? ''));
      if (ccg)
        vote(
          subToSubVotes,
          key('sub-icb-location', ccg),
          key('sub-icb-location', now.SUB_ICB_LOCATION_CODE ?? ''),
        );
    }
  });
  for (const [sub, votes] of subToIcbVotes) link(sub, winner(votes), eras.firstIcbs, files.allocations);

  // Open and close dates follow from the eras each body appears in.
  for (const o of orgs.values()) {
    if (o.kind === 'ccg' || o.kind === 'stp') o.closed = eras.ccg.to;
    if (o.kind === 'icb' || o.kind === 'sub-icb-location') {
      const then = o.kind === 'icb' ? icbsThen.has(key(o.kind, o.code)) : ccgCodes.includes(o.code);
      const now = (o.kind === 'icb' ? icbsNow : subIcbsNow).has(key(o.kind, o.code));
      o.opened = then ? eras.firstIcbs.from : eras.mergedIcbs.from;
      o.closed = now ? null : eras.firstIcbs.to;
      if (!o.name) o.name = `Sub-ICB location ${o.code}`;
    }
  }
  // Each STP's code became its ICB's code on 1 July 2022.
  for (const o of orgs.values()) {
    if (o.kind === 'stp' && icbsThen.has(key('icb', o.code))) {
      successions.push({
        predecessor: key('stp', o.code),
        successor: key('icb', o.code),
        on: eras.firstIcbs.from,
        source: files.ccgEra,
      });
    }
  }
  // 1 April 2026 mergers: a closed ICB or sub-ICB location is succeeded by those that took on
  // at least a tenth of its practices.
  for (const [votesBy, kind] of [
    [icbToIcbVotes, 'icb'],
    [subToSubVotes, 'sub-icb-location'],
  ] as const) {
    for (const [before, votes] of votesBy) {
      if (orgs.get(before)?.closed !== eras.firstIcbs.to) continue;
      const total = [...votes.values()].reduce((a, b) => a + b, 0);
      for (const [after, n] of votes) {
        if (after !== before && n * 10 >= total && orgs.get(after)?.kind === kind) {
          successions.push({
            predecessor: before,
            successor: after,
            on: eras.mergedIcbs.from,
            source: files.allocations,
          });
        }
      }
    }
  }

  // Practice open and close dates from the ODS master file (fields 1, 2, 11, 12).
  for (const r of practices) {
    const o = orgs.get(key('practice', r[0] ?? ''));
    if (o) {
      o.opened = odsDate(r[10], files.practices);
      o.closed = odsDate(r[11], files.practices);
    }
  }
  // NHS trusts (ODS etr: code, name, …, open date in field 11, close date in field 12).
  trusts.forEach((r, i) => {
    const k = put('trust', r[0] ?? '', r[1] ?? '', files.trusts, `${files.trusts} line ${i + 1}`);
    const o = orgs.get(k);
    if (o) {
      o.opened = odsDate(r[10], files.trusts);
      o.closed = odsDate(r[11], files.trusts);
    }
  });
  for (const o of orgs.values()) {
    if (o.opened && o.closed && o.closed < o.opened) o.closed = o.opened;
  }

  return {
    digest,
    listSizes: readListSizes(join(dir, files.listSizes), orgs),
    organisations: orgs,
    memberships: coalesce(links),
    successions: dedupe(successions),
  };
}

/** One list size per known practice from the QOF file's TOTAL rows (each disease group repeats it). */
function readListSizes(file: string, orgs: Map<string, RegistryOrganisation>): RegistryListSize[] {
  const rows = readTable(file, ['PRACTICE_CODE', 'PATIENT_LIST_TYPE', 'PRACTICE_LIST_SIZE']);
  const sizes = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.PATIENT_LIST_TYPE !== 'TOTAL') return;
    const k = key('practice', r.PRACTICE_CODE ?? '');
    if (!orgs.has(k) || sizes.has(k)) return;
    const n = Number(r.PRACTICE_LIST_SIZE);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidInput(
        `${files.listSizes} line ${i + 2}`,
        `has '${r.PRACTICE_LIST_SIZE}' where a list size belongs`,
      );
    sizes.set(k, n);
  });
  return [...sizes].map(([practice, list_size]) => ({
    practice,
    as_at: listSizesAsAt,
    list_size,
    source: files.listSizes,
  }));
}

function vote(votes: Map<string, Map<string, number>>, from: string, to: string): void {
  const m = votes.get(from) ?? new Map<string, number>();
  m.set(to, (m.get(to) ?? 0) + 1);
  votes.set(from, m);
}

function winner(votes: Map<string, number>): string {
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

function odsDate(text: string | undefined, file: string): string | null {
  if (!text) return null;
  if (!/^\d{8}$/.test(text))
    throw new InvalidInput(basename(file), `has '${text}' where a date YYYYMMDD belongs`);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

const dayAfter = (d: string) => Temporal.PlainDate.from(d).add({ days: 1 }).toString();

/** Joins periods of the same membership that follow on from each other (one row per unbroken spell). */
function coalesce(links: RegistryLink[]): RegistryLink[] {
  const byPair = new Map<string, RegistryLink[]>();
  for (const l of links) {
    const k = `${l.child}>${l.parent}`;
    const list = byPair.get(k) ?? [];
    list.push(l);
    byPair.set(k, list);
  }
  const out: RegistryLink[] = [];
  for (const list of byPair.values()) {
    list.sort((a, b) => a.from.localeCompare(b.from));
    let current: RegistryLink | undefined;
    for (const l of list) {
      if (current && (current.to === null || dayAfter(current.to) >= l.from)) {
        if (current.to !== null && (l.to === null || l.to > current.to)) current.to = l.to;
        continue;
      }
      current = { ...l };
      out.push(current);
    }
  }
  return out;
}

function dedupe(list: RegistrySuccession[]): RegistrySuccession[] {
  const seen = new Map<string, RegistrySuccession>();
  for (const s of list) seen.set(`${s.predecessor}>${s.successor}`, s);
  return [...seen.values()];
}
