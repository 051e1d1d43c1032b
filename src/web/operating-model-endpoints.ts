import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperatingModel } from '../system/operating-model/model.ts';
import type { SordRow } from '../system/operating-model/sord.ts';
import { answer, apiClient, everyPage } from './api.ts';
import type { Answer } from './types.ts';

export type { OperatingModel, SordRow };

/** A stored model; its document is typed as the operating model's own type. */
export type StoredOperatingModel = Omit<Answer<'getOperatingModel'>, 'document'> & {
  document: OperatingModel;
};

export type ModelReport = Answer<'checkOperatingModel'>;

export type OrganisationIcs = Answer<'getOrganisationIcs'>;

export type DraftReport = Answer<'checkOperatingModelDraft'>;

export type IcbFunction = Answer<'listIcbFunctions'>['items'][number];

export function useOperatingModels() {
  return useQuery({
    queryKey: ['operating-models'],
    queryFn: () =>
      everyPage((cursor) =>
        answer(apiClient.GET('/api/operating-models', { params: { query: { cursor } } })),
      ),
  });
}

export function useOperatingModel(id: string | undefined) {
  return useQuery({
    queryKey: ['operating-model', id],
    queryFn: async () =>
      (await answer(
        apiClient.GET('/api/operating-models/{id}', { params: { path: { id: id ?? '' } } }),
      )) as StoredOperatingModel,
    enabled: !!id,
  });
}

export function useModelCheck(id: string | undefined, version: number | undefined, on: string) {
  return useQuery({
    queryKey: ['operating-model-check', id, version, on],
    queryFn: () =>
      answer(
        apiClient.GET('/api/operating-models/{id}/check', {
          params: { path: { id: id ?? '' }, query: { on: on || undefined } },
        }),
      ),
    enabled: !!id && version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(on),
  });
}

export function useSord(id: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['operating-model-sord', id, version],
    queryFn: async () =>
      (await answer(apiClient.GET('/api/operating-models/{id}/sord', { params: { path: { id: id ?? '' } } })))
        .rows as SordRow[],
    enabled: !!id && version !== undefined,
  });
}

export function useOrganisationIcs(code: string, on?: string) {
  return useQuery({
    queryKey: ['organisation-ics', code, on],
    queryFn: () =>
      answer(apiClient.GET('/api/organisations/{code}/ics', { params: { path: { code }, query: { on } } })),
    enabled: code !== '',
  });
}

/**
 * The check of a model being edited, on a date: asked again whenever the model or the date
 * changes (`model` undefined while the form has problems), keeping the last answer on screen
 * meanwhile so findings do not flicker as someone types.
 */
export function useDraftCheck(model: OperatingModel | undefined, on: string) {
  return useQuery({
    queryKey: ['operating-model-draft-check', model, on],
    queryFn: () =>
      answer(apiClient.POST('/api/operating-models/check', { body: { model: model as OperatingModel, on } })),
    enabled: model !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(on),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The functions a SoRD row can name, with who may decide each on the date. */
export function useIcbFunctions(on: string) {
  return useQuery({
    queryKey: ['icb-functions', on],
    queryFn: () =>
      everyPage((cursor) =>
        answer(apiClient.GET('/api/icb-functions', { params: { query: { on, cursor, limit: 200 } } })),
      ),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(on),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Saves a model with a reason: a new one (`id` undefined) or a new version of a stored one,
 * sent with the version it was edited from in the body and as `If-Match`, so a version
 * someone else saved meanwhile is never overwritten (the server answers 409 or 412).
 */
export function useSaveOperatingModel(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { model: OperatingModel; reason: string; version?: number | undefined }) => {
      const saved = id
        ? await answer(
            apiClient.PUT('/api/operating-models/{id}', {
              params: { path: { id }, header: { 'if-match': `"${body.version}"` } },
              body: { version: body.version ?? 0, model: body.model, reason: body.reason },
            }),
          )
        : await answer(
            apiClient.POST('/api/operating-models', { body: { model: body.model, reason: body.reason } }),
          );
      return saved as StoredOperatingModel;
    },
    onSuccess: (saved) => {
      client.setQueryData(['operating-model', saved.id], saved);
      void client.invalidateQueries({ queryKey: ['operating-models'] });
      void client.invalidateQueries({ queryKey: ['organisation-ics'] });
    },
  });
}
