import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { icbDirectory } from '../system/icb-directory.ts';
import {
  type AreaKind,
  type AreaSummary,
  areaKinds,
  areasOf,
  defaultGrouping,
  type PlaceGrouping,
  reportTitle,
  summaryOf,
} from './areas.ts';
import type { PopulationReport } from './pipeline.ts';

/**
 * Where published reports live: `$CONCORDAT_DATA_DIR/population/<ICB>/report.json` for the
 * whole ICB, `…/<ICB>/<kind>/<code>/report.json` for one of its areas, and the grouping the
 * published places come from in `…/<ICB>/place/grouping.json`.
 */
function icbFolder(icb: string, env: NodeJS.ProcessEnv): string {
  return join(resolve(env.CONCORDAT_DATA_DIR || '.concordat'), 'population', icb);
}

/** Codes are checked before they become a path: no area code holds a dot or a slash. */
const safe = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

export function publishedReportPath(
  icb: string,
  env: NodeJS.ProcessEnv = process.env,
  area?: { kind: AreaKind; code: string },
): string {
  if (!safe.test(icb) || (area && !safe.test(area.code)))
    throw new Error(`not an area code: ${area?.code ?? icb}`);
  return !area || area.kind === 'icb'
    ? join(icbFolder(icb, env), 'report.json')
    : join(icbFolder(icb, env), area.kind, area.code, 'report.json');
}

/** The places an ICB's published place reports come from, by name and code. */
export interface PublishedGrouping {
  name: string;
  places: { code: string; name: string }[];
}

const groupingPath = (icb: string, env: NodeJS.ProcessEnv) =>
  join(icbFolder(icb, env), 'place', 'grouping.json');

export function publishedGrouping(
  icb: string,
  env: NodeJS.ProcessEnv = process.env,
): PublishedGrouping | null {
  const path = groupingPath(icb, env);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PublishedGrouping) : null;
}

/**
 * Publishes a report for the API, returning where. A place report of another grouping than
 * the one published replaces every published place, so the places listed are always one
 * grouping's.
 */
export function publishReport(
  report: PopulationReport,
  icb: string,
  grouping: PlaceGrouping | null,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const area = report.area;
  if (area?.kind === 'place' && grouping) {
    const before = publishedGrouping(icb, env);
    const now: PublishedGrouping = {
      name: grouping.name,
      places: grouping.places.map((p) => ({ code: p.code, name: p.name })),
    };
    if (JSON.stringify(before) !== JSON.stringify(now)) {
      rmSync(dirname(groupingPath(icb, env)), { recursive: true, force: true });
      mkdirSync(dirname(groupingPath(icb, env)), { recursive: true });
      writeFileSync(groupingPath(icb, env), `${JSON.stringify(now)}\n`);
    }
  }
  const path = publishedReportPath(icb, env, area ?? undefined);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report)}\n`);
  return path;
}

/** An area of an ICB as the web app offers it: named, titled, and whether it has a report. */
export interface ListedArea extends AreaSummary {
  title: string;
  published: boolean;
}

/**
 * Every area of an ICB by kind and name (places of the published grouping, or the default
 * places by local authority when none is published), each saying whether a report for it is
 * published; null when the ICB is not in the practice map.
 */
export function listAreas(
  icb: string,
  env: NodeJS.ProcessEnv = process.env,
): { icbName: string; grouping: string; areas: ListedArea[] } | null {
  const directory = icbDirectory(icb);
  if (!directory) return null;
  const published = publishedGrouping(icb, env);
  const grouping = published
    ? { name: published.name, places: published.places.map((p) => ({ ...p, practices: [] })) }
    : defaultGrouping(directory);
  const areas = areaKinds.flatMap((kind) =>
    areasOf(directory, grouping, kind).map((a) => ({
      ...summaryOf(a),
      title: reportTitle(a),
      published: existsSync(publishedReportPath(icb, env, a)),
    })),
  );
  return { icbName: directory.name, grouping: grouping.name, areas };
}
