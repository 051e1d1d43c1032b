/**
 * Building an arrangement in the browser: the blank one, parties picked from the NHS
 * registry, and adding and removing each part so the document never points at something
 * that is gone. Commissioners never type an id: each part's id is made from its name,
 * unique in the document, as the schema asks (src/law/arrangement.ts).
 *
 * Removing a part removes what cannot stand without it (a commissioner's services and
 * funding streams, a fund left with no partner) and says so, in words, so nothing vanishes
 * unannounced.
 */
import { organisationName } from './names.ts';
import type { Answer, Arrangement } from './types.ts';

type Commissioner = Arrangement['commissioners'][number];
type Provider = Arrangement['providers'][number];
type Service = Arrangement['services'][number];
type Fund = Arrangement['funds'][number];
type Subcontract = Arrangement['subcontracts'][number];

/** An organisation as the registry search answers it. */
export type RegistryOrganisation = Answer<'searchOrganisations'>['items'][number];
/** A service of the rulebook's catalogue, as `GET /api/rules/services` answers it. */
export type CatalogueService = Answer<'listServices'>['items'][number];

export function blankArrangement(): Arrangement {
  return {
    name: '',
    commissioners: [],
    providers: [],
    services: [],
    funds: [],
    funding_streams: [],
    activities: [],
    subcontracts: [],
    gp_practices: [],
  };
}

/** Every id the document declares: they must be unique across parties, funds, streams and subcontracts. */
function takenIds(a: Arrangement): Set<string> {
  return new Set([
    ...a.commissioners.map((c) => c.id),
    ...a.providers.map((p) => p.id),
    ...a.funds.map((f) => f.id),
    ...a.funding_streams.map((s) => s.id),
    ...a.subcontracts.map((s) => s.id),
  ]);
}

/** A new id from a name: lowercase words joined by dashes, numbered if taken. */
export function newId(a: Arrangement, name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)
      .replace(/-$/, '') || 'part';
  const taken = takenIds(a);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** Registry kinds that can commission, as the schema names them. */
const commissionerKindOf: Partial<Record<RegistryOrganisation['kind'], Commissioner['kind']>> = {
  icb: 'icb',
  ccg: 'ccg',
  'local-authority': 'local-authority',
  region: 'nhs-england',
};
export const commissionerKinds = Object.keys(commissionerKindOf) as RegistryOrganisation['kind'][];

/** Registry kinds that can provide; others providers (companies, federations) are not in the registry. */
export const providerKinds: RegistryOrganisation['kind'][] = ['trust', 'local-authority'];

/** The registry's name as people write it; an NHS region commissions as NHS England. */
function registryName(o: RegistryOrganisation): string {
  const name = organisationName(o.name);
  return o.kind === 'region' ? `NHS England (${name})` : name;
}

/** The commissioner a registry organisation is, keeping `id` when it replaces an example. */
export function commissionerFrom(a: Arrangement, o: RegistryOrganisation, id?: string): Commissioner {
  const kind = commissionerKindOf[o.kind];
  if (!kind) throw new Error(`${o.kind} cannot commission`);
  const name = registryName(o);
  return { id: id ?? newId(a, name), name, kind, ods: o.code };
}

/** The provider a registry organisation is: a trust (foundation trust by its name) or a council. */
export function providerFrom(a: Arrangement, o: RegistryOrganisation, id?: string): Provider {
  const name = registryName(o);
  const kind =
    o.kind === 'local-authority'
      ? 'local-authority'
      : /foundation trust/i.test(o.name)
        ? 'nhs-foundation-trust'
        : 'nhs-trust';
  return { id: id ?? newId(a, name), name, kind, ods: o.code, statutory_body: true };
}

/** Another provider, not in the NHS registry (a company, a GP federation, a charity): no code. */
export function otherProvider(a: Arrangement, name: string, kind: Provider['kind']): Provider {
  return { id: newId(a, name), name, kind, statutory_body: false };
}

export function addCommissioner(a: Arrangement, c: Commissioner): Arrangement {
  return { ...a, commissioners: [...a.commissioners, c] };
}

/** The first provider is the lead (the Integrated Care Provider) until someone says otherwise. */
export function addProvider(a: Arrangement, p: Provider): Arrangement {
  const lead = a.providers.length === 0 ? { ...p, lead: true } : p;
  return { ...a, providers: [...a.providers, lead] };
}

/** Replaces an example party in place, keeping its id so everything that pointed at it still does. */
export function replaceCommissioner(a: Arrangement, index: number, c: Commissioner): Arrangement {
  return { ...a, commissioners: a.commissioners.map((x, i) => (i === index ? { ...x, ...c } : x)) };
}

export function replaceProvider(a: Arrangement, index: number, p: Provider): Arrangement {
  return { ...a, providers: a.providers.map((x, i) => (i === index ? { ...x, ...p } : x)) };
}

/** What a removal took with it, in words. */
export interface Removal {
  draft: Arrangement;
  alsoRemoved: string[];
}

/** How a part is named in "also removed" messages. */
export interface Namer {
  service: (id: string) => string;
  party: (id: string) => string;
}

/** The function a service is, and where its money comes from, say which commissioner usually has it. */
function commissionerFor(a: Arrangement, s: CatalogueService): Commissioner | undefined {
  const kinds: Record<CatalogueService['function_of'], Commissioner['kind'][]> = {
    'local-nhs': ['icb', 'ccg'],
    'local-authority': ['local-authority'],
    'nhs-england': ['nhs-england'],
  };
  return a.commissioners.find((c) => kinds[s.function_of].includes(c.kind)) ?? a.commissioners[0];
}

export function addService(a: Arrangement, s: CatalogueService): Arrangement {
  const commissioner = commissionerFor(a, s)?.id ?? '';
  const provider = (a.providers.find((p) => p.lead) ?? a.providers[0])?.id;
  const row: Service = { service: s.service, commissioner, ...(provider ? { provider } : {}) };
  return { ...a, services: [...a.services, row] };
}

/**
 * A fund for every service and commissioner so far: pooled under section 75 and hosted by a
 * council when there is one (the usual host of a health and social care pool), else by the
 * first commissioner. Every field can be changed after.
 */
export function addFund(a: Arrangement, name: string): Arrangement {
  const council = a.commissioners.find((c) => c.kind === 'local-authority');
  const host = (council ?? a.commissioners[0])?.id;
  const fund: Fund = {
    id: newId(a, name),
    name,
    kind: 'pooled',
    mechanism: 's75',
    ...(host ? { host } : {}),
    parties: a.commissioners.map((c) => c.id),
    services: [...new Set(a.services.map((s) => s.service))],
  };
  return { ...a, funds: [...a.funds, fund] };
}

/** A funding stream for the first service that has none yet (or the first service), its value to enter. */
export function addFundingStream(a: Arrangement, catalogue: readonly CatalogueService[]): Arrangement {
  const service =
    a.services.find(
      (s) => !a.funding_streams.some((f) => f.service === s.service && f.commissioner === s.commissioner),
    ) ?? a.services[0];
  if (!service) return a;
  const source = catalogue.find((c) => c.service === service.service)?.stream_source ?? 'icb-core';
  const stream = {
    id: newId(a, `${service.service} money`),
    service: service.service,
    commissioner: service.commissioner,
    source,
    annual_value: '',
  };
  return { ...a, funding_streams: [...a.funding_streams, stream] };
}

export function addPractice(a: Arrangement, o: RegistryOrganisation): Arrangement {
  const practice = {
    ods: o.code,
    name: organisationName(o.name),
    contract: 'gms' as const,
    mode: 'none' as const,
  };
  return { ...a, gp_practices: [...a.gp_practices, practice] };
}

export function addSubcontract(a: Arrangement): Arrangement {
  const first = a.services[0]?.service;
  const sub: Subcontract = {
    id: newId(a, `subcontract ${a.subcontracts.length + 1}`),
    subcontractor: '',
    services: first ? [first] : [],
  };
  return { ...a, subcontracts: [...a.subcontracts, sub] };
}

export function addActivity(a: Arrangement, activity: string): Arrangement {
  return { ...a, activities: [...a.activities, { activity, provider_role: 'none' }] };
}

const without = <T>(list: readonly T[], index: number) => list.filter((_, i) => i !== index);

export function removeCommissioner(a: Arrangement, index: number, names: Namer): Removal {
  return tidy({ ...a, commissioners: without(a.commissioners, index) }, names);
}

export function removeProvider(a: Arrangement, index: number, names: Namer): Removal {
  return tidy({ ...a, providers: without(a.providers, index) }, names);
}

export function removeService(a: Arrangement, index: number, names: Namer): Removal {
  return tidy({ ...a, services: without(a.services, index) }, names);
}

export function removeFund(a: Arrangement, index: number): Arrangement {
  return { ...a, funds: without(a.funds, index) };
}

export function removeFundingStream(a: Arrangement, index: number): Arrangement {
  return { ...a, funding_streams: without(a.funding_streams, index) };
}

export function removePractice(a: Arrangement, index: number): Arrangement {
  return { ...a, gp_practices: without(a.gp_practices, index) };
}

export function removeSubcontract(a: Arrangement, index: number): Arrangement {
  return { ...a, subcontracts: without(a.subcontracts, index) };
}

export function removeActivity(a: Arrangement, index: number): Arrangement {
  return { ...a, activities: without(a.activities, index) };
}

/**
 * Takes out every reference to a party or service that is no longer in the document: a
 * service of a commissioner that is gone, a provider that is gone (the service stays, provided
 * outside the arrangement), fund partners, hosts and services, funding streams, approvals.
 * Funds and subcontracts left empty go too. Says what went, in words.
 */
function tidy(a: Arrangement, names: Namer): Removal {
  const alsoRemoved: string[] = [];
  const commissioners = new Set(a.commissioners.map((c) => c.id));
  const parties = new Set([...commissioners, ...a.providers.map((p) => p.id)]);
  const services = a.services.filter((s) => {
    if (commissioners.has(s.commissioner)) return true;
    alsoRemoved.push(`the service ${names.service(s.service)} it commissioned`);
    return false;
  });
  const serviceIds = new Set(services.map((s) => s.service));
  const fundingStreams = a.funding_streams.filter((f) => {
    if (services.some((s) => s.service === f.service && s.commissioner === f.commissioner)) return true;
    alsoRemoved.push(
      `the funding stream for ${names.service(f.service)} from ${names.party(f.commissioner)}`,
    );
    return false;
  });
  const funds = a.funds.flatMap((f) => {
    const kept = {
      ...f,
      parties: f.parties.filter((p) => parties.has(p)),
      services: f.services.filter((s) => serviceIds.has(s)),
    };
    if (kept.host !== undefined && !commissioners.has(kept.host)) delete kept.host;
    if (kept.parties.length === 0 || kept.services.length === 0) {
      alsoRemoved.push(
        `the fund ${f.name}, left with no ${kept.parties.length === 0 ? 'partner' : 'service'}`,
      );
      return [];
    }
    return [kept];
  });
  const subcontracts = a.subcontracts.flatMap((s) => {
    const kept = { ...s, services: s.services.filter((x) => serviceIds.has(x)) };
    if (kept.approved_by !== undefined && !parties.has(kept.approved_by)) delete kept.approved_by;
    if (kept.services.length === 0 && s.services.length > 0) {
      alsoRemoved.push(
        `the subcontract with ${s.subcontractor || 'an unnamed subcontractor'}, left with no service`,
      );
      return [];
    }
    return [kept];
  });
  const providerIds = new Set(a.providers.map((p) => p.id));
  const withoutProvider = <T extends { provider?: string | undefined }>(x: T): T => {
    if (x.provider === undefined || providerIds.has(x.provider)) return x;
    const { provider: _p, ...rest } = x;
    return rest as T;
  };
  return {
    draft: {
      ...a,
      services: services.map(withoutProvider),
      funding_streams: fundingStreams,
      funds,
      subcontracts,
      activities: a.activities.map(withoutProvider),
    },
    alsoRemoved,
  };
}

/**
 * A template's document to start from: its structure kept, its name cleared for the
 * commissioner's own, and its illustrative organisations (which carry no code) left to be
 * replaced from the registry.
 */
export function fromTemplate(document: Arrangement): Arrangement {
  const { description: _d, place: _p, ...rest } = document;
  return { ...rest, name: '' };
}

/** A copy of an arrangement, named as one until renamed. */
export function copyOf(document: Arrangement): Arrangement {
  return { ...document, name: `Copy of ${document.name}` };
}

/** Kinds of body the NHS registry holds: one of these without a code is a template's example. */
const inRegistry = new Set<string>([
  'icb',
  'ccg',
  'local-authority',
  'nhs-england',
  'nhs-trust',
  'nhs-foundation-trust',
]);

/** A party from a template, not yet replaced by a real organisation from the registry. */
export const isExample = (party: Commissioner | Provider) =>
  party.ods === undefined && inRegistry.has(party.kind);

/**
 * The parties a document names, each code once, a code among the commissioners being a
 * commissioning party: as the server reads them (src/store/arrangement-parties.ts), so a
 * change of parties can be shown before saving; the server still decides.
 */
export function namedParties(
  a: Arrangement,
): { code: string; side: 'commissioner' | 'provider'; name: string }[] {
  const named = new Map<string, { code: string; side: 'commissioner' | 'provider'; name: string }>();
  for (const c of a.commissioners)
    if (c.ods) named.set(c.ods, { code: c.ods, side: 'commissioner', name: c.name });
  for (const p of a.providers)
    if (p.ods && !named.has(p.ods)) named.set(p.ods, { code: p.ods, side: 'provider', name: p.name });
  return [...named.values()];
}
