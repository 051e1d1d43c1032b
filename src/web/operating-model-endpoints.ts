import { useQuery } from '@tanstack/react-query';
import type { Budgets } from '../system/operating-model/budgets.ts';
import type { OperatingModel } from '../system/operating-model/model.ts';
import type { SordRow } from '../system/operating-model/sord.ts';
import { api, query } from './api.ts';
import type { CheckReport } from './types.ts';

export type { OperatingModel, SordRow };

export interface StoredOperatingModel {
  id: string;
  icb: string;
  name: string;
  version: number;
  document: OperatingModel;
}

export type ModelReport = Omit<CheckReport, 'arrangement'> & { model: string; icb: string; budgets: Budgets };

export interface OrganisationIcs {
  models: {
    id: string;
    name: string;
    icb: string;
    places: { name: string; form: string; members: { role: string; organisation?: string }[] }[];
    collaboratives: { name: string; members: string[]; lead?: string }[];
    board: { role: string; title?: string }[];
  }[];
}

const path = (id: string, tail = '') => `/api/operating-models/${encodeURIComponent(id)}${tail}`;

export function useOperatingModels() {
  return useQuery({
    queryKey: ['operating-models'],
    queryFn: async () =>
      (await api<{ models: { id: string; name: string; icb: string }[] }>('/api/operating-models')).models,
  });
}

export function useOperatingModel(id: string | undefined) {
  return useQuery({
    queryKey: ['operating-model', id],
    queryFn: () => api<StoredOperatingModel>(path(id ?? '')),
    enabled: !!id,
  });
}

export function useModelCheck(id: string | undefined, version: number | undefined, on: string) {
  return useQuery({
    queryKey: ['operating-model-check', id, version, on],
    queryFn: () => api<ModelReport>(path(id ?? '', `/check${query({ on })}`)),
    enabled: !!id && version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(on),
  });
}

export function useSord(id: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['operating-model-sord', id, version],
    queryFn: async () => (await api<{ rows: SordRow[] }>(path(id ?? '', '/sord'))).rows,
    enabled: !!id && version !== undefined,
  });
}

export function useOrganisationIcs(code: string) {
  return useQuery({
    queryKey: ['organisation-ics', code],
    queryFn: () => api<OrganisationIcs>(`/api/organisations/${encodeURIComponent(code)}/ics`),
  });
}
