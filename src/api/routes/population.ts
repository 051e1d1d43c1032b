import { existsSync, readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { populationReaders } from '../../core/roles.ts';
import { populationPaper } from '../../outputs/papers.ts';
import { populationTables } from '../../outputs/population-tables.ts';
import { type AreaKind, areaKindNames } from '../../population/areas.ts';
import type { PopulationReport } from '../../population/pipeline.ts';
import { listAreas, publishedReportPath } from '../../population/published.ts';
import { requireRole } from '../auth.ts';
import type { Handler, RouteModule } from '../context.ts';
import { badRequest, HttpProblem } from '../problems.ts';
import { answer } from '../tabular.ts';
import {
  getPopulationAreasSchema,
  getPopulationReportSchema,
  type populationReport,
} from './population.schemas.ts';

/** A published report as read back: the pipeline's report, in the shape the API schema gives it. */
type PublishedReport = PopulationReport & z.output<typeof populationReport>;

/**
 * Population health aggregates for the web app: the latest reports `concordat analyse
 * --publish` wrote for an ICB and its areas, for its commissioners and assurers
 * (populationReaders).
 */
export const populationRoutes: RouteModule = (app) => {
  app.get('/api/population/:icb/report', { schema: getPopulationReportSchema }, getPopulationReport);
  app.get('/api/population/:icb/areas', { schema: getPopulationAreasSchema }, getPopulationAreas);
};

const notFound = (detail: string) =>
  new HttpProblem({
    type: 'https://concordat.example/problems/not-found',
    title: 'No report',
    status: 404,
    detail,
  });

/**
 * The report published for an ICB or one of its areas, for a caller who may read it; 404
 * when none is published, saying how to publish it.
 */
export function publishedReport(
  request: FastifyRequest,
  icb: string,
  { kind, area }: { kind: AreaKind; area?: string | undefined },
): PublishedReport {
  requireRole(request, populationReaders, [icb], 'read population health figures');
  if (kind === 'icb') {
    if (area !== undefined && area !== icb)
      throw badRequest([
        { field: 'querystring/area', problem: `is not needed for the whole ICB (it is ${icb})` },
      ]);
    const path = publishedReportPath(icb);
    if (!existsSync(path))
      throw notFound(
        `No population health report has been published for ${icb}: run concordat analyse --publish.`,
      );
    return JSON.parse(readFileSync(path, 'utf8')) as PublishedReport;
  }
  if (area === undefined)
    throw badRequest([
      {
        field: 'querystring/area',
        problem: `must name the ${areaKindNames[kind]}`,
        hint: `Give its code, as GET /api/population/${icb}/areas lists it.`,
      },
    ]);
  const found = listAreas(icb)?.areas.find(
    (a) => a.kind === kind && a.code.toLowerCase() === area.toLowerCase(),
  );
  if (!found)
    throw notFound(
      `${icb} has no ${areaKindNames[kind]} '${area}': GET /api/population/${icb}/areas lists them.`,
    );
  if (!found.published)
    throw notFound(
      `No population health report has been published for ${found.label}: run concordat analyse --icb ${icb} --area ${kind}:${found.code} --publish (or --area all for every area).`,
    );
  return JSON.parse(readFileSync(publishedReportPath(icb, process.env, found), 'utf8')) as PublishedReport;
}

const getPopulationReport: Handler<typeof getPopulationReportSchema> = async (request, reply) => {
  const report = publishedReport(request, request.params.icb, request.query);
  return answer(request, reply, report, populationTables, (r) => populationPaper(r, '1.0'));
};

const getPopulationAreas: Handler<typeof getPopulationAreasSchema> = async (request) => {
  const { icb } = request.params;
  requireRole(request, populationReaders, [icb], 'read population health figures');
  const listing = listAreas(icb);
  if (!listing) throw notFound(`There is no ICB ${icb} in the August 2026 practice map.`);
  return { icb, icb_name: listing.icbName, grouping: listing.grouping, areas: listing.areas };
};
