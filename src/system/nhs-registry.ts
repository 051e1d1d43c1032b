import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { InvalidInput } from '../core/errors.ts';
import type { OrganisationKind } from '../core/organisations.ts';
import { type DataFile, dataFilePath, dataFiles, nhsDataDir } from './data-files.ts';
import { readGzipCsv, readTable } from './gzip-csv.ts';
import { majority, type Votes, vote } from './majority.ts';

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

export const eras = {
  ccg: { from: '2021-04-01', to: '2022-06-30' },
  firstIcbs: { from: '2022-07-01', to: '2026-03-31' },
  mergedIcbs: { from: '2026-04-01', to: null },
} as const;

/** The data files the registry is built from, in the order their digest is taken. */
export const registryFiles = [
  'practiceMap',
  'ccgEra',
  'weightedPopulations2025',
  'trusts',
  'practices',
  'qofPrevalence',
] as const satisfies readonly DataFile[];

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
  source: `QOF 2020/21 practice list sizes (data/nhs/${dataFiles.qofPrevalence})`,
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
export function digestOf(dir = nhsDataDir): string {
  const digest = createHash('sha256');
  for (const f of registryFiles) digest.update(dataFiles[f]).update(readFileSync(dataFilePath(f, dir)));
  return digest.digest('hex');
}

export function readNhsRegistry(dir = nhsDataDir): Registry {
  const digest = digestOf(dir);
  const map2026 = readTable(dataFilePath('practiceMap', dir), [
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
  const ccgEra = readTable(dataFilePath('ccgEra', dir), [
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
  const allocations = readTable(dataFilePath('weightedPopulations2025', dir), [
    'Practice_Code',
    'ICB',
    'ICBname',
    'Rcode',
    'Region',
    'LAD',
    'LTLA',
  ]);
  const trusts = readGzipCsv(dataFilePath('trusts', dir));
  const practices = readGzipCsv(dataFilePath('practices', dir));

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
    const at = `${dataFiles.practiceMap} line ${i + 2}`;
    const region = put(
      'region',
      r.COMM_REGION_CODE ?? '',
      r.COMM_REGION_NAME ?? '',
      dataFiles.practiceMap,
      at,
    );
    const icb = put('icb', r.ICB_CODE ?? '', r.ICB_NAME ?? '', dataFiles.practiceMap, at);
    const sub = put(
      'sub-icb-location',
      r.SUB_ICB_LOCATION_CODE ?? '',
      r.SUB_ICB_LOCATION_NAME ?? '',
      dataFiles.practiceMap,
      at,
    );
    const pcn = putPcn(r.PCN_CODE, r.PCN_NAME, r.SUB_ICB_LOCATION_CODE, dataFiles.practiceMap, at);
    const practice = put('practice', r.PRACTICE_CODE ?? '', r.PRACTICE_NAME ?? '', dataFiles.practiceMap, at);
    icbsNow.add(icb);
    subIcbsNow.add(sub);
    link(practice, pcn, eras.mergedIcbs, dataFiles.practiceMap);
    link(pcn, sub, eras.mergedIcbs, dataFiles.practiceMap);
    link(sub, icb, eras.mergedIcbs, dataFiles.practiceMap);
    link(icb, region, eras.mergedIcbs, dataFiles.practiceMap);
  });

  const ccgOfPractice = new Map<string, string>();
  ccgEra.forEach((r, i) => {
    const at = `${dataFiles.ccgEra} line ${i + 2}`;
    const region = put('region', r.REGION_ODS_CODE ?? '', r.REGION_NAME ?? '', dataFiles.ccgEra, at);
    const stp = put('stp', r.STP_ODS_CODE ?? '', r.STP_NAME ?? '', dataFiles.ccgEra, at);
    const ccg = put('ccg', r.CCG_ODS_CODE ?? '', r.CCG_NAME ?? '', dataFiles.ccgEra, at);
    const pcn = putPcn(r.PCN_ODS_CODE, r.PCN_NAME, r.CCG_ODS_CODE, dataFiles.ccgEra, at);
    const practice = put('practice', r.PRACTICE_CODE ?? '', r.PRACTICE_NAME ?? '', dataFiles.ccgEra, at);
    ccgOfPractice.set(r.PRACTICE_CODE ?? '', r.CCG_ODS_CODE ?? '');
    link(practice, pcn, ccgEraSpan, dataFiles.ccgEra);
    link(pcn, ccg, eras.ccg, dataFiles.ccgEra);
    link(ccg, stp, eras.ccg, dataFiles.ccgEra);
    link(stp, region, eras.ccg, dataFiles.ccgEra);
  });

  // 1 July 2022: each CCG continues as a sub-ICB location with the same code, and its PCNs with it.
  const ccgCodes = [...orgs.values()].filter((o) => o.kind === 'ccg').map((o) => o.code);
  const successions: RegistrySuccession[] = [];
  for (const code of ccgCodes) {
    const existing = orgs.get(key('sub-icb-location', code));
    const sub = put('sub-icb-location', code, existing?.name ?? '', dataFiles.ccgEra, dataFiles.ccgEra);
    successions.push({
      predecessor: key('ccg', code),
      successor: sub,
      on: eras.firstIcbs.from,
      source: dataFiles.ccgEra,
    });
  }
  for (const l of links.filter(
    (l) => l.source === dataFiles.ccgEra && l.child.startsWith('pcn:') && l.parent.startsWith('ccg:'),
  )) {
    link(l.child, `sub-icb-location:${l.parent.slice(4)}`, eras.firstIcbs, dataFiles.ccgEra);
  }

  // The 42 ICBs of 2022–2026, from the 2025/26 allocation file (practice → ICB).
  const icbsThen = new Set<string>();
  const subToIcbVotes = new Map<string, Votes>();
  const icbToIcbVotes = new Map<string, Votes>();
  const subToSubVotes = new Map<string, Votes>();
  const nowOfPractice = new Map(map2026.map((r) => [r.PRACTICE_CODE ?? '', r]));
  allocations.forEach((r, i) => {
    const at = `${dataFiles.weightedPopulations2025} line ${i + 2}`;
    const region = put(
      'region',
      r.Rcode ?? '',
      (r.Region ?? '').replace(/^NHS /, ''),
      dataFiles.weightedPopulations2025,
      at,
    );
    const icb = put(
      'icb',
      r.ICB ?? '',
      (r.ICBname ?? '').replace(/ ICB$/, ' Integrated Care Board'),
      dataFiles.weightedPopulations2025,
      at,
    );
    if (!icbsThen.has(icb)) link(icb, region, eras.firstIcbs, dataFiles.weightedPopulations2025);
    icbsThen.add(icb);
    if (r.LAD) put('local-authority', r.LAD, r.LTLA ?? r.LAD, dataFiles.weightedPopulations2025, at);
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
  for (const [sub, votes] of subToIcbVotes)
    link(sub, majority(votes), eras.firstIcbs, dataFiles.weightedPopulations2025);

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
        source: dataFiles.ccgEra,
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
            source: dataFiles.weightedPopulations2025,
          });
        }
      }
    }
  }

  // Practice open and close dates from the ODS master file (fields 1, 2, 11, 12).
  for (const r of practices) {
    const o = orgs.get(key('practice', r[0] ?? ''));
    if (o) {
      o.opened = odsDate(r[10], dataFiles.practices);
      o.closed = odsDate(r[11], dataFiles.practices);
    }
  }
  // NHS trusts (ODS etr: code, name, …, open date in field 11, close date in field 12).
  trusts.forEach((r, i) => {
    const k = put('trust', r[0] ?? '', r[1] ?? '', dataFiles.trusts, `${dataFiles.trusts} line ${i + 1}`);
    const o = orgs.get(k);
    if (o) {
      o.opened = odsDate(r[10], dataFiles.trusts);
      o.closed = odsDate(r[11], dataFiles.trusts);
    }
  });
  for (const o of orgs.values()) {
    if (o.opened && o.closed && o.closed < o.opened) o.closed = o.opened;
  }

  return {
    digest,
    listSizes: readListSizes(dataFilePath('qofPrevalence', dir), orgs),
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
        `${dataFiles.qofPrevalence} line ${i + 2}`,
        `has '${r.PRACTICE_LIST_SIZE}' where a list size belongs`,
      );
    sizes.set(k, n);
  });
  return [...sizes].map(([practice, list_size]) => ({
    practice,
    as_at: listSizesAsAt,
    list_size,
    source: dataFiles.qofPrevalence,
  }));
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
