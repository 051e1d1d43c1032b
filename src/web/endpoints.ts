/**
 * Every API route the web app uses, in one place (see docs/api.md for the server's side).
 * Pages call these hooks; TanStack Query caches reads and refetches after changes.
 */
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractReport } from '../contracts/replay.ts';
import type { AllocationReport } from '../finance/report.ts';
import type { PoolingPlan } from '../law/pooling-plan.ts';
import type { ResponsibilityMatrix } from '../law/responsibility.ts';
import type { PopulationReport } from '../population/pipeline.ts';
import type { AllocationRequest, IcbPractice, PotBody } from './allocation-form.ts';
import { ApiError, answer, apiClient, everyPage } from './api.ts';
import type { components } from './openapi.generated.ts';
import type { Answer, Arrangement, CheckReport, RequestBody, StoredArrangement } from './types.ts';

export type Organisation = Answer<'searchOrganisations'>['items'][number];
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
    mutationFn: (body: RequestBody<'signIn'>) => answer(apiClient.POST('/api/auth/login', { body })),
    onSuccess: ({ user }) => client.setQueryData(['session'], user),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => answer(apiClient.POST('/api/auth/logout')),
    onSettled: () => {
      client.clear();
      client.setQueryData(['session'], null);
    },
  });
}

/** A registry search (of one kind, or any when `kind` is empty), for `useQuery` or `useQueries`. */
export const organisationSearchQuery = (q: string, kind: string, limit = 50) => ({
  queryKey: ['organisations', q, kind, limit],
  queryFn: () =>
    answer(
      apiClient.GET('/api/organisations', {
        params: {
          query: { q: q.trim(), kind: (kind || undefined) as Organisation['kind'] | undefined, limit },
        },
      }),
    ),
  enabled: q.trim().length >= 2,
});

export function useOrganisationSearch(q: string, kind: string) {
  return useQuery(organisationSearchQuery(q, kind));
}

export function useOrganisation(code: string, kind?: string, enabled = true) {
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
    enabled: enabled && code !== '',
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
    queryFn: () =>
      everyPage((cursor) => answer(apiClient.GET('/api/arrangements', { params: { query: { cursor } } }))),
  });
}

/** One stored arrangement, for `useQuery` or for fetching once (copying it). */
export const arrangementQuery = (id: string) => ({
  queryKey: ['arrangement', id],
  queryFn: async () =>
    (await answer(
      apiClient.GET('/api/arrangements/{id}', { params: { path: { id } } }),
    )) as StoredArrangement,
});

export function useArrangement(id: string) {
  return useQuery(arrangementQuery(id));
}

export function useSaveArrangement(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { version: number; arrangement: Arrangement; reason: string }) =>
      (await answer(
        apiClient.PUT('/api/arrangements/{id}', { params: { path: { id } }, body }),
      )) as StoredArrangement,
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

/**
 * The check of a version (the current one, or an earlier one to compare) on a date. It is a
 * POST (the server records the findings) but reads as a query keyed by version and date.
 */
export function useCheck(id: string, version: number | undefined, on: string) {
  return useQuery({
    queryKey: ['check', id, version, on],
    queryFn: async () =>
      (await answer(
        apiClient.POST('/api/arrangements/{id}/check', {
          params: { path: { id }, query: { on: on || undefined, version } },
        }),
      )) as CheckReport & { version: number },
    enabled: version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The check of a draft nobody has saved (nothing is kept): null until the draft is whole
 * enough to check. The last answer stays shown while the next is worked out, so the findings
 * do not flicker as the user types.
 */
export function useDraftCheck(draft: Arrangement | null, on: string) {
  return useQuery({
    queryKey: ['draft-check', on, draft],
    queryFn: async () =>
      (await answer(
        apiClient.POST('/api/arrangement-drafts/check', {
          params: { query: { on } },
          body: { arrangement: draft as Arrangement },
        }),
      )) as CheckReport,
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useCreateArrangement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { arrangement: Arrangement; reason: string }) =>
      (await answer(apiClient.POST('/api/arrangements', { body }))) as StoredArrangement,
    onSuccess: (created) => {
      client.setQueryData(['arrangement', created.id], created);
      void client.invalidateQueries({ queryKey: ['arrangements'] });
    },
  });
}

/** Saves an earlier version again as the newest; refused (409) if someone saved since `version`. */
export function useRestoreVersion(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ restoring, ...body }: { restoring: number; version: number; reason: string }) =>
      (await answer(
        apiClient.POST('/api/arrangements/{id}/versions/{version}/restore', {
          params: { path: { id, version: restoring } },
          body,
        }),
      )) as StoredArrangement,
    onSuccess: (saved) => {
      client.setQueryData(['arrangement', id], saved);
      void client.invalidateQueries({ queryKey: ['arrangements'] });
      void client.invalidateQueries({ queryKey: ['versions', id] });
      void client.invalidateQueries({ queryKey: ['matrix', id] });
      void client.invalidateQueries({ queryKey: ['pooling', id] });
    },
  });
}

export type ArrangementTemplate = Answer<'listArrangementTemplates'>['items'][number];
export type CatalogueActivity = Answer<'listActivities'>['items'][number];

/** The care models a new arrangement can start from. */
export function useTemplates() {
  return useQuery({
    queryKey: ['arrangement-templates'],
    queryFn: () =>
      everyPage((cursor) =>
        answer(apiClient.GET('/api/arrangement-templates', { params: { query: { cursor } } })),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The rulebook's services on a date, by title. */
export function useServiceCatalogue(on: string) {
  return useQuery({
    queryKey: ['catalogue', 'services', on],
    queryFn: async () =>
      (
        await everyPage((cursor) =>
          answer(apiClient.GET('/api/rules/services', { params: { query: { on, cursor } } })),
        )
      ).sort((a, b) => a.title.localeCompare(b.title)),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The Annex A commissioning activities in force on a date, in the table's order. */
export function useActivityCatalogue(on: string) {
  return useQuery({
    queryKey: ['catalogue', 'activities', on],
    queryFn: async () =>
      (
        await everyPage((cursor) =>
          answer(apiClient.GET('/api/rules/activities', { params: { query: { on, cursor } } })),
        )
      ).sort((a, b) => (a.row ?? 999) - (b.row ?? 999) || a.title.localeCompare(b.title)),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: ['versions', id],
    queryFn: () =>
      everyPage((cursor) =>
        answer(
          apiClient.GET('/api/arrangements/{id}/versions', { params: { path: { id }, query: { cursor } } }),
        ),
      ),
  });
}

export type ArrangementVersion = Answer<'listArrangementVersions'>['items'][number];
export type DecisionInput = RequestBody<'recordDecision'>;

/** A statutory commissioner decision; the server refuses it (403, naming the rule) to a role the law does not allow. */
export function useRecordDecision(id: string) {
  return useMutation({
    mutationFn: (body: DecisionInput) =>
      answer(apiClient.POST('/api/arrangements/{id}/decisions', { params: { path: { id } }, body })),
  });
}

export type PartyChange = Answer<'listPartyChanges'>['items'][number];

/** Who is party to an arrangement (stored apart from its document), since when. */
export function useParties(id: string) {
  return useQuery({
    queryKey: ['parties', id],
    queryFn: () =>
      everyPage((cursor) =>
        answer(
          apiClient.GET('/api/arrangements/{id}/parties', { params: { path: { id }, query: { cursor } } }),
        ),
      ),
  });
}

/** The proposed party changes still awaiting acceptance. */
export function usePendingPartyChanges(id: string) {
  return useQuery({
    queryKey: ['party-changes', id],
    queryFn: () =>
      everyPage((cursor) =>
        answer(
          apiClient.GET('/api/arrangements/{id}/party-changes', {
            params: { path: { id }, query: { status: 'pending', cursor } },
          }),
        ),
      ),
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

/**
 * Proposes adding or removing a party; it takes effect once every commissioning party has
 * accepted it (at once when the proposer's own parties are all there are, or for an administrator).
 */
export function useProposePartyChange(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PartyChangeProposal) =>
      answer(apiClient.POST('/api/arrangements/{id}/parties', { params: { path: { id } }, body })),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['party-changes', id] });
      void client.invalidateQueries({ queryKey: ['parties', id] });
      void client.invalidateQueries({ queryKey: ['arrangement', id] });
    },
  });
}
export type PartyChangeProposal = RequestBody<'proposePartyChange'>;

/** Who does each commissioning activity on a date (the server's `responsibilityMatrix`). */
export function useMatrix(id: string, on: string, enabled: boolean) {
  return useQuery({
    queryKey: ['matrix', id, on],
    queryFn: async () =>
      (await answer(
        apiClient.GET('/api/arrangements/{id}/matrix', {
          params: { path: { id }, query: { on: on || undefined } },
        }),
      )) as ResponsibilityMatrix & { version: number },
    enabled,
  });
}

/** How the arrangement's commissioners can pool the money for its services on a date (`planPooling`). */
export function usePooling(id: string, on: string, enabled: boolean) {
  return useQuery({
    queryKey: ['pooling', id, on],
    queryFn: async () =>
      (await answer(
        apiClient.GET('/api/arrangements/{id}/pooling', {
          params: { path: { id }, query: { on: on || undefined } },
        }),
      )) as PoolingPlan & { arrangement: string; version: number },
    enabled,
  });
}

/** An arrangement's budget report; with `explain`, every figure carries its trace. */
export function useBudget(id: string, explain: boolean) {
  return useQuery({
    queryKey: ['budget', id, explain],
    queryFn: () =>
      answer(
        apiClient.GET('/api/arrangements/{id}/budget', {
          params: { path: { id }, query: { explain: explain ? 'true' : undefined } },
        }),
      ),
  });
}

/** Shares an ICB's pot between places by need (POST /api/allocations), again whenever the request changes. */
export function useAllocation(request: AllocationRequest | null) {
  return useQuery({
    queryKey: ['allocation', request],
    queryFn: request
      ? async () => (await answer(apiClient.POST('/api/allocations', { body: request }))) as AllocationReport
      : skipToken,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Where an ICB's practices and their populations come from, and when the populations were counted. */
export type PracticesSource = Answer<'listIcbPractices'>['source'];

/** An ICB's practices in the weighted populations, with the local authority each sits in. */
export function useIcbPractices(icb: string) {
  return useQuery({
    queryKey: ['icb-practices', icb],
    queryFn: async () => {
      let first: Answer<'listIcbPractices'> | undefined;
      const practices: IcbPractice[] = await everyPage(async (cursor) => {
        const page = await answer(
          apiClient.GET('/api/icbs/{icb}/practices', { params: { path: { icb }, query: { cursor } } }),
        );
        first ??= page;
        return page;
      });
      return {
        icb,
        icb_name: first?.icb_name ?? icb,
        year: first?.year,
        source: first?.source,
        practices,
      };
    },
    enabled: icb !== '',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type PlaceGrouping = Answer<'getPlaceGrouping'>;

export function useGroupings(icb: string) {
  return useQuery({
    queryKey: ['groupings', icb],
    queryFn: () =>
      everyPage((cursor) =>
        answer(
          apiClient.GET('/api/icbs/{icb}/place-groupings', { params: { path: { icb }, query: { cursor } } }),
        ),
      ),
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
      pot: PotBody | null;
      reason: string;
    }) =>
      id
        ? answer(
            apiClient.PUT('/api/icbs/{icb}/place-groupings/{id}', {
              params: { path: { icb, id } },
              body: { ...body, version: body.version ?? 1 },
            }),
          )
        : answer(apiClient.POST('/api/icbs/{icb}/place-groupings', { params: { path: { icb } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['groupings', icb] }),
  });
}

export type PopulationAreas = Answer<'getPopulationAreas'>;
export type PopulationArea = PopulationAreas['areas'][number];
export type AreaKind = PopulationArea['kind'];

/** The parts of an ICB a population health report can be for, by kind and name. */
export function usePopulationAreas(icb: string) {
  return useQuery({
    queryKey: ['population-areas', icb],
    queryFn: () => answer(apiClient.GET('/api/population/{icb}/areas', { params: { path: { icb } } })),
    enabled: icb !== '',
    retry: false,
  });
}

/**
 * The population health report `concordat analyse --publish` last published for an ICB or one
 * of its areas (404 when none).
 */
export function usePopulationReport(icb: string, kind: AreaKind, area: string | undefined) {
  return useQuery({
    queryKey: ['population', icb, kind, area],
    queryFn: async () =>
      // The document describes the report as an open object; the page reads it as the pipeline's own type.
      (await answer(
        apiClient.GET('/api/population/{icb}/report', {
          params: { path: { icb }, query: { kind, ...(area ? { area } : {}) } },
        }),
      )) as unknown as PopulationReport,
    enabled: icb !== '' && (kind === 'icb' || Boolean(area)),
    retry: false,
  });
}

/** Replays a contract file (particulars and events, as parsed from YAML or JSON) to a date. */
export function useReplayContract() {
  return useMutation({
    mutationFn: async (body: { contract: unknown; on?: string }) =>
      // The file is sent as the user wrote it: the server names what is wrong with it.
      (await answer(
        apiClient.POST('/api/contracts/replay', { body: body as never }),
      )) as unknown as ContractReport,
  });
}

/** A stored contract as the list shows it (GET /api/contracts). */
export type ContractSummary = Answer<'listContracts'>['items'][number];

/** A stored contract on a date: its replay report and every event recorded, with who recorded it. */
export type StoredContractDetail = Omit<Answer<'getContract'>, 'report'> & { report: ContractReport };

export function useContracts() {
  return useQuery({
    queryKey: ['contracts'],
    queryFn: () =>
      everyPage((cursor) => answer(apiClient.GET('/api/contracts', { params: { query: { cursor } } }))),
  });
}

/**
 * `on` empty: the server's default (today). The report on the previous date stays shown
 * while another loads, so the page (and the outcome of the event just recorded) stays put.
 */
export function useStoredContract(id: string, on: string, enabled: boolean) {
  return useQuery({
    queryKey: ['contract', id, on],
    queryFn: async () =>
      (await answer(
        apiClient.GET('/api/contracts/{id}', { params: { path: { id }, query: { on: on || undefined } } }),
      )) as unknown as StoredContractDetail,
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
      // The event is built by the form from the rulebook's own event kinds; the server checks it.
      answer(apiClient.POST('/api/contracts/{id}/events', { params: { path: { id } }, body: body as never })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['contract', id] });
      void client.invalidateQueries({ queryKey: ['contracts'] });
    },
  });
}
