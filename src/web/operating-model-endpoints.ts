import { useQuery } from '@tanstack/react-query';
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

export function useOrganisationIcs(code: string) {
  return useQuery({
    queryKey: ['organisation-ics', code],
    queryFn: () => answer(apiClient.GET('/api/organisations/{code}/ics', { params: { path: { code } } })),
  });
}
