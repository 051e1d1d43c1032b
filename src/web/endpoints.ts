/**
 * Every API route the web app uses, in one place (see docs/api.md for the server's side).
 * Pages call these hooks; TanStack Query caches reads and refetches after changes.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractReport } from '../contracts/replay.ts';
import type { AllocationReport, BudgetReport } from '../finance/report.ts';
import type { PoolingPlan } from '../law/pooling-plan.ts';
import type { ResponsibilityMatrix } from '../law/responsibility.ts';
import type { PopulationReport } from '../population/pipeline.ts';
import type { AllocationRequest, IcbPractice } from './allocation-form.ts';
import { ApiError, answer, api, apiClient, query } from './api.ts';
import type { components } from './openapi.generated.ts';
import type { Answer, Arrangement, CheckReport, StoredArrangement } from './types.ts';

export type Organisation = Answer<'searchOrganisations'>['organisations'][number];
export type TreeNode = components['schemas']['OrganisationTreeNode'];
export type OrganisationHistory = Answer<'getOrganisation'>;

/** The signed-in user, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await answer(apiClient.GET('/api/auth/me'));
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
      answer(apiClient.POST('/api/auth/login', { body })),
    onSuccess: ({ user }) => client.setQueryData(['session'], user),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
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
      answer(
        apiClient.GET('/api/organisations', {
          params: {
            query: { q: q.trim(), kind: (kind || undefined) as Organisation['kind'] | undefined, limit: 50 },
          },
        }),
      ),
    enabled: q.trim().length >= 2,
  });
}

export function useOrganisation(code: string, kind?: string) {
  return useQuery({
    queryKey: ['organisation', code, kind],
    queryFn: () =>
      answer(
        apiClient.GET('/api/organisations/{code}', {
          params: {
            path: { code },
            query: { kind: (kind || undefined) as Organisation['kind'] | undefined },
          },
        }),
      ),
    enabled: code !== '',
  });
}

export function useTree(code: string, kind: string, on: string) {
  return useQuery({
    queryKey: ['tree', code, kind, on],
    queryFn: () =>
      answer(
        apiClient.GET('/api/organisations/{code}/tree', {
          params: { path: { code }, query: { on: on || undefined, kind: kind as Organisation['kind'] } },
        }),
      ),
    enabled: code !== '',
  });
}

export function useArrangements() {
  return useQuery({
    queryKey: ['arrangements'],
    queryFn: async () => (await answer(apiClient.GET('/api/arrangements'))).arrangements,
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
    mutationFn: (body: { version: number; arrangement: Arrangement; reason: string }) =>
      api<StoredArrangement>(`/api/arrangements/${encodeURIComponent(id)}`, { method: 'PUT', json: body }),
    onSuccess: (saved) => {
      client.setQueryData(['arrangement', id], saved);
      void client.invalidateQueries({ queryKey: ['arrangements'] });
      void client.invalidateQueries({ queryKey: ['check', id] });
      void client.invalidateQueries({ queryKey: ['matrix', id] });
      void client.invalidateQueries({ queryKey: ['pooling', id] });
      void client.invalidateQueries({ queryKey: ['versions', id] });
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

export function useVersions(id: string) {
  return useQuery({
    queryKey: ['versions', id],
    queryFn: async () =>
      (await api<{ versions: ArrangementVersion[] }>(`/api/arrangements/${encodeURIComponent(id)}/versions`))
        .versions,
  });
}

export interface ArrangementVersion {
  version: number;
  changed_by: number | null;
  changed_at: string;
  reason: string;
}

export interface DecisionInput {
  decision: string;
  subject: string;
  outcome: string;
  reason: string;
  on?: string;
}

/** A statutory commissioner decision; the server refuses it (403, naming the rule) to a role the law does not allow. */
export function useRecordDecision(id: string) {
  return useMutation({
    mutationFn: (body: DecisionInput) =>
      api<{ id: number; decision: string; rule: string; decided_at: string }>(
        `/api/arrangements/${encodeURIComponent(id)}/decisions`,
        { method: 'POST', json: body },
      ),
  });
}

export type PartyChange = Answer<'listPartyChanges'>['changes'][number];

/** Who is party to an arrangement (stored apart from its document), since when. */
export function useParties(id: string) {
  return useQuery({
    queryKey: ['parties', id],
    queryFn: async () =>
      (await answer(apiClient.GET('/api/arrangements/{id}/parties', { params: { path: { id } } }))).parties,
  });
}

/** The proposed party changes still awaiting acceptance. */
export function usePendingPartyChanges(id: string) {
  return useQuery({
    queryKey: ['party-changes', id],
    queryFn: async () =>
      (
        await answer(
          apiClient.GET('/api/arrangements/{id}/party-changes', {
            params: { path: { id }, query: { status: 'pending' } },
          }),
        )
      ).changes,
  });
}

/** Accepts a party change for the user's commissioning parties; an accepted change alters who may see the arrangement. */
export function useAcceptPartyChange(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changeId: number) =>
      answer(
        apiClient.POST('/api/arrangements/{id}/party-changes/{changeId}/accept', {
          params: { path: { id, changeId } },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['party-changes', id] });
      void client.invalidateQueries({ queryKey: ['parties', id] });
      void client.invalidateQueries({ queryKey: ['arrangement', id] });
      void client.invalidateQueries({ queryKey: ['arrangements'] });
    },
  });
}

/** Who does each commissioning activity on a date (the server's `responsibilityMatrix`). */
export function useMatrix(id: string, on: string, enabled: boolean) {
  return useQuery({
    queryKey: ['matrix', id, on],
    queryFn: () =>
      api<ResponsibilityMatrix & { version: number }>(
        `/api/arrangements/${encodeURIComponent(id)}/matrix${query({ on })}`,
      ),
    enabled,
  });
}

/** How the arrangement's commissioners can pool the money for its services on a date (`planPooling`). */
export function usePooling(id: string, on: string, enabled: boolean) {
  return useQuery({
    queryKey: ['pooling', id, on],
    queryFn: () =>
      api<PoolingPlan & { arrangement: string; version: number }>(
        `/api/arrangements/${encodeURIComponent(id)}/pooling${query({ on })}`,
      ),
    enabled,
  });
}

/** An arrangement's budget report; with `explain`, every figure carries its trace. */
export function useBudget(id: string, explain: boolean) {
  return useQuery({
    queryKey: ['budget', id, explain],
    queryFn: () =>
      api<BudgetReport>(
        `/api/arrangements/${encodeURIComponent(id)}/budget${query({ explain: explain ? 'true' : undefined })}`,
      ),
  });
}

/** Shares an ICB's pot between places by need (POST /api/allocations), again whenever the request changes. */
export function useAllocation(request: AllocationRequest | null) {
  return useQuery({
    queryKey: ['allocation', request],
    queryFn: () => api<AllocationReport>('/api/allocations', { method: 'POST', json: request }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** An ICB's practices in the weighted populations, with the local authority each sits in. */
export function useIcbPractices(icb: string) {
  return useQuery({
    queryKey: ['icb-practices', icb],
    queryFn: () =>
      api<{ icb: string; icb_name: string; year: string; practices: IcbPractice[] }>(
        `/api/icbs/${encodeURIComponent(icb)}/practices`,
      ),
    enabled: icb !== '',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export interface PlaceGrouping {
  id: string;
  icb: string;
  name: string;
  year: string;
  places: { name: string; practices: string[] }[];
  version: number;
  updated_at: string;
}

export function useGroupings(icb: string) {
  return useQuery({
    queryKey: ['groupings', icb],
    queryFn: async () =>
      (await api<{ groupings: PlaceGrouping[] }>(`/api/icbs/${encodeURIComponent(icb)}/place-groupings`))
        .groupings,
    enabled: icb !== '',
  });
}

/** Saves a grouping: a new one (no id) or a new version of a loaded one (409 if someone saved first). */
export function useSaveGrouping(icb: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id?: string;
      version?: number;
      name: string;
      places: PlaceGrouping['places'];
      reason: string;
    }) =>
      id
        ? api<PlaceGrouping>(
            `/api/icbs/${encodeURIComponent(icb)}/place-groupings/${encodeURIComponent(id)}`,
            {
              method: 'PUT',
              json: body,
            },
          )
        : api<PlaceGrouping>(`/api/icbs/${encodeURIComponent(icb)}/place-groupings`, {
            method: 'POST',
            json: body,
          }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['groupings', icb] }),
  });
}

/** The population health report `concordat analyse --publish` last published for an ICB (404 when none). */
export function usePopulationReport(icb: string) {
  return useQuery({
    queryKey: ['population', icb],
    queryFn: () => api<PopulationReport>(`/api/population/${encodeURIComponent(icb)}/report`),
    enabled: icb !== '',
    retry: false,
  });
}

/** Replays a contract file (particulars and events, as parsed from YAML or JSON) to a date. */
export function useReplayContract() {
  return useMutation({
    mutationFn: (body: { contract: unknown; on?: string }) =>
      api<ContractReport>('/api/contracts/replay', { method: 'POST', json: body }),
  });
}

/** A stored contract as the list shows it (GET /api/contracts). */
export interface ContractSummary {
  id: string;
  name: string;
  version: number;
  parties: string[];
  provider: string;
  start: string;
  end: string;
  phase: ContractReport['state']['phase'];
  events: number;
  created_at: string;
  updated_at: string;
}

/** A stored contract on a date: its replay report and every event recorded, with who recorded it. */
export interface StoredContractDetail extends ContractSummary {
  recorded: {
    seq: number;
    event: { on: string; type: string; by: string };
    recorded_by: number | null;
    recorded_by_name: string | null;
    recorded_at: string;
  }[];
  report: ContractReport;
  event_types: string[];
}

export function useContracts() {
  return useQuery({
    queryKey: ['contracts'],
    queryFn: async () => (await api<{ contracts: ContractSummary[] }>('/api/contracts')).contracts,
  });
}

/**
 * `on` empty: the server's default (today). The report on the previous date stays shown
 * while another loads, so the page (and the outcome of the event just recorded) stays put.
 */
export function useStoredContract(id: string, on: string, enabled: boolean) {
  return useQuery({
    queryKey: ['contract', id, on],
    queryFn: () => api<StoredContractDetail>(`/api/contracts/${encodeURIComponent(id)}${query({ on })}`),
    retry: false,
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Records one event as the signed-in user; the server refuses it (403 or 422, naming the rule) when the rules or roles do not allow it. */
export function useRecordContractEvent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { event: Record<string, unknown>; version: number }) =>
      api<{
        id: string;
        version: number;
        seq: number;
        summary: string;
        phase_before: string;
        phase_after: string;
      }>(`/api/contracts/${encodeURIComponent(id)}/events`, { method: 'POST', json: body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['contract', id] });
      void client.invalidateQueries({ queryKey: ['contracts'] });
    },
  });
}
