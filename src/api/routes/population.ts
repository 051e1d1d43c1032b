import { existsSync, readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { populationReaders } from '../../core/roles.ts';
import { populationPaper } from '../../outputs/papers.ts';
import { populationTables } from '../../outputs/population-tables.ts';
import type { PopulationReport } from '../../population/pipeline.ts';
import { publishedReportPath } from '../../population/published.ts';
import { requireRole } from '../auth.ts';
import type { Handler, RouteModule } from '../context.ts';
import { HttpProblem } from '../problems.ts';
import { answer } from '../tabular.ts';
import { getPopulationReportSchema, type populationReport } from './population.schemas.ts';

/** A published report as read back: the pipeline's report, in the shape the API schema gives it. */
type PublishedReport = PopulationReport & z.output<typeof populationReport>;

/**
 * Population health aggregates for the web app: the latest report `concordat analyse
 * --publish` wrote for an ICB, for its commissioners and assurers (populationReaders).
 */
export const populationRoutes: RouteModule = (app) => {
  app.get('/api/population/:icb/report', { schema: getPopulationReportSchema }, getPopulationReport);
};

/** The report published for an ICB, for a caller who may read it; 404 when none is published. */
export function publishedReport(request: FastifyRequest, icb: string): PublishedReport {
  requireRole(request, populationReaders, [icb], 'read population health figures');
  const path = publishedReportPath(icb);
  if (!existsSync(path)) {
    throw new HttpProblem({
      type: 'https://concordat.example/problems/not-found',
      title: 'No report',
      status: 404,
      detail: `No population health report has been published for ${icb}: run concordat analyse --publish.`,
    });
  }
  return JSON.parse(readFileSync(path, 'utf8')) as PublishedReport;
}

const getPopulationReport: Handler<typeof getPopulationReportSchema> = async (request, reply) => {
  const report = publishedReport(request, request.params.icb);
  return answer(request, reply, report, populationTables, (r) => populationPaper(r, '1.0'));
};
