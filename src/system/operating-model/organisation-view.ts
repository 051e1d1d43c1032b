import type { OperatingModel, PartnershipRole, PlaceForm } from './model.ts';

/** What an operating model says about one organisation, by name: what its registry page shows. */
export interface OrganisationView {
  name: string;
  icb: string;
  icb_name: string;
  effective_from?: string | undefined;
  /** The places whose partnership it is in (every place, for the model's ICB). */
  places: {
    name: string;
    form: PlaceForm;
    decided_by?: string | undefined;
    members: { role: PartnershipRole; organisation?: string | undefined }[];
  }[];
  /** The collaboratives it belongs to (every one, for the model's ICB). */
  collaboratives: { name: string; members: string[]; lead?: string | undefined; functions: string[] }[];
  /** The board, for the model's ICB only. */
  board: {
    role: string;
    title?: string | undefined;
    name?: string | undefined;
    nominated_by: string[];
    represents: string[];
  }[];
}

/**
 * The parts of a model that concern the organisation with this ODS or ONS code: for the ICB
 * itself, everything; for another body, the place partnerships it is a member of or whose
 * area it is, and the collaboratives it belongs to. Ids are turned into names throughout.
 */
export function organisationView(m: OperatingModel, code: string): OrganisationView {
  const orgId = m.organisations.find((o) => o.code === code)?.id;
  const isIcb = m.icb.code === code;
  const nameOf = (id: string | undefined) =>
    m.organisations.find((o) => o.id === id)?.name ??
    m.committees.find((c) => c.id === id)?.name ??
    m.places.find((p) => p.id === id)?.name ??
    m.collaboratives.find((c) => c.id === id)?.name ??
    id;
  const concerns = (ids: (string | undefined)[]) => isIcb || (orgId !== undefined && ids.includes(orgId));
  return {
    name: m.name,
    icb: m.icb.code,
    icb_name: m.icb.name,
    effective_from: m.effective_from,
    places: m.places
      .filter((p) => concerns([...p.partnership.members.map((x) => x.organisation), ...p.local_authorities]))
      .map((p) => ({
        name: p.name,
        form: p.partnership.form,
        decided_by: nameOf(p.partnership.lead_provider ?? p.partnership.committee),
        members: p.partnership.members.map((x) => ({
          role: x.role,
          organisation: nameOf(x.organisation) ?? x.note,
        })),
      })),
    collaboratives: m.collaboratives
      .filter((c) => concerns(c.members))
      .map((c) => ({
        name: c.name,
        members: c.members.map((x) => nameOf(x) ?? x),
        lead: nameOf(c.lead),
        functions: c.functions,
      })),
    board: isIcb
      ? m.board.members.map((b) => ({
          role: b.role,
          title: b.title,
          name: b.name,
          nominated_by: (b.nominated_by ?? []).map((x) => nameOf(x) ?? x),
          represents: (b.represents ?? []).map((x) => nameOf(x) ?? x),
        }))
      : [],
  };
}
