/**
 * Every API route the web app uses, in one place (see docs/api.md for the server's side).
 * Pages call these hooks; TanStack Query caches reads and refetches after changes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, query } from './api.ts';
import type { Arrangement, CheckReport, StoredArrangement, User } from './types.ts';

export interface Organisation {
  code: string;
  kind: string;
  name: string;
  opened: string | null;
  closed: string | null;
}

export interface TreeNode extends Organisation {
  /** Registered patients, where the registry holds them. */
  list_size?: number | null;
  children: TreeNode[];
}

type Related = Pick<Organisation, 'code' | 'kind' | 'name'>;

export interface OrganisationHistory extends Organisation {
  parents: (Related & { from: string; to: string | null })[];
  predecessors: (Related & { on: string })[];
  successors: (Related & { on: string })[];
  attribution: string;
}

/** The signed-in user, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await api<User>('/api/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<User>('/api/login', { method: 'POST', json: body }),
    onSuccess: (user) => client.setQueryData(['session'], user),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/logout', { method: 'POST' }),
    onSettled: () => {
      client.clear();
      client.setQueryData(['session'], null);
    },
  });
}

export function useOrganisationSearch(q: string, kind: string) {
  return useQuery({
    queryKey: ['organisations', q, kind],
    queryFn: () =>
      api<{ organisations: Organisation[]; attribution: string }>(
        `/api/organisations${query({ q: q.trim(), kind, limit: '50' })}`,
      ),
    enabled: q.trim().length >= 2,
  });
}

export function useOrganisation(code: string, kind?: string) {
  return useQuery({
    queryKey: ['organisation', code, kind],
    queryFn: () =>
      api<OrganisationHistory>(`/api/organisations/${encodeURIComponent(code)}${query({ kind })}`),
    enabled: code !== '',
  });
}

export function useTree(code: string, kind: string, on: string) {
  return useQuery({
    queryKey: ['tree', code, kind, on],
    queryFn: () =>
      api<{ on: string; tree: TreeNode; attribution: string }>(
        `/api/organisations/${encodeURIComponent(code)}/tree${query({ on, kind })}`,
      ),
    enabled: code !== '',
  });
}

export function useArrangements() {
  return useQuery({
    queryKey: ['arrangements'],
    queryFn: () => api<StoredArrangement[]>('/api/arrangements'),
  });
}

export function useArrangement(id: string) {
  return useQuery({
    queryKey: ['arrangement', id],
    queryFn: () => api<StoredArrangement>(`/api/arrangements/${encodeURIComponent(id)}`),
  });
}

export function useSaveArrangement(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; document: Arrangement; reason: string }) =>
      api<StoredArrangement>(`/api/arrangements/${encodeURIComponent(id)}`, { method: 'PUT', json: body }),
    onSuccess: (saved) => {
      client.setQueryData(['arrangement', id], saved);
      void client.invalidateQueries({ queryKey: ['arrangements'] });
      void client.invalidateQueries({ queryKey: ['check', id] });
    },
  });
}

/** The check is a POST (the server records the findings) but reads as a query keyed by version and date. */
export function useCheck(id: string, version: number | undefined, on: string) {
  return useQuery({
    queryKey: ['check', id, version, on],
    queryFn: () =>
      api<CheckReport>(`/api/arrangements/${encodeURIComponent(id)}/check${query({ on })}`, {
        method: 'POST',
      }),
    enabled: version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
