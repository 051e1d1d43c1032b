import { activitiesInForce, activitySlug } from '../../law/activities.ts';
import { arrangementTemplates } from '../../law/arrangement-templates.ts';
import { today } from '../../law/date.ts';
import { requireUser } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { pageOfList } from '../pagination.ts';
import type {
  listActivitiesSchema,
  listArrangementTemplatesSchema,
  listServicesSchema,
} from './arrangement-catalogue.schemas.ts';

const servicePrefix = 'pooling.service.';

/** What an arrangement is built from: the rulebook's services and activities on a date, and templates. */
export function arrangementCatalogueHandlers({ rulebook }: ApiContext) {
  const templates = arrangementTemplates().sort((a, b) => a.id.localeCompare(b.id));

  const services: Handler<typeof listServicesSchema> = async (request) => {
    requireUser(request);
    const on = request.query.on ?? today();
    const all = rulebook
      .inForce('pooling-service', on)
      .map(({ entry, version }) => ({
        service: entry.id.slice(servicePrefix.length),
        title: entry.title,
        function_of: version.function_of,
        stream_source: version.stream_source,
        s75: version.s75,
      }))
      .sort((a, b) => a.service.localeCompare(b.service));
    return pageOfList(all, request.query, [on], (s) => s.service, 'ascending');
  };

  const activities: Handler<typeof listActivitiesSchema> = async (request) => {
    requireUser(request);
    const on = request.query.on ?? today();
    const all = activitiesInForce(rulebook, on)
      .map(({ entry, version }) => ({
        activity: activitySlug(entry.id),
        title: entry.title,
        row: version.row ?? null,
        category: version.category,
        actions: [
          ...version.may.map((a) => ({ ...a, allowed: true })),
          ...version.may_not.map((a) => ({ ...a, allowed: false })),
        ],
      }))
      .sort((a, b) => a.activity.localeCompare(b.activity));
    return pageOfList(all, request.query, [on], (a) => a.activity, 'ascending');
  };

  const listTemplates: Handler<typeof listArrangementTemplatesSchema> = async (request) => {
    requireUser(request);
    return pageOfList(templates, request.query, [], (t) => t.id, 'ascending');
  };

  return { services, activities, listTemplates };
}
