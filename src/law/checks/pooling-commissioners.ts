import { formatDate } from '../date.ts';
import { delegationAmendmentReach, rowWords } from '../delegation-amendment.ts';
import { type Check, type CheckContext, type Finding, finding } from '../finding.ts';
import { countParties, existsOn, holderMet, holderWords } from '../pooling-parties.ts';
import { commissionerKinds, partyKinds, servicesOf } from './pooling-context.ts';

/** Unknown service ids stop the check as bad input (exit 2) before any finding is made. */
export const knownServices: Check = (ctx) => {
  servicesOf(ctx);
  return [];
};

/**
 * Each service needs a commissioner who can hold it on the date: a local authority for
 * council functions, and for NHS England's functions one of the holders its dated
 * commissioning route allows (for example a single CCG for primary medical care in 2018).
 */
export const commissionerCanHoldService: Check = (ctx) => {
  const a = ctx.arrangement;
  const services = servicesOf(ctx);
  const kinds = commissionerKinds(a);
  const counts = countParties(ctx.rulebook, kinds, ctx.on);
  // Commissioners that do not exist on the date are reported by the system checks; judging
  // routes without them would only repeat that error.
  const allExist = kinds.every((k) => existsOn(ctx.rulebook, k, ctx.on));
  const out: Finding[] = [];
  const reported = new Set<string>();
  a.services.forEach((s, i) => {
    const svc = services.get(s.service);
    const commissioner = a.commissioners.find((c) => c.id === s.commissioner);
    if (!svc || !commissioner) return;
    const path = `services[${i}]`;
    if (svc.version.function_of === 'local-authority') {
      if (commissioner.kind !== 'local-authority' && commissioner.kind !== 'combined-authority') {
        out.push(
          finding(ctx, 'pooling.principle.la-functions-stay-with-la', {
            severity: 'error',
            message: `${commissioner.name} is named as commissioner of ${svc.title}, a local authority function that cannot be delegated to the NHS; the council must commission it (it may then pool the money under s75).`,
            path: `${path}.commissioner`,
          }),
        );
      }
      return;
    }
    const routeId = svc.version.route;
    if (svc.version.function_of !== 'nhs-england' || !routeId || !allExist || reported.has(s.service)) return;
    const route = ctx.rulebook.require(routeId, ctx.on, 'commissioning-route');
    if (route.holders.some((h) => holderMet(h.holder, counts))) return;
    reported.add(s.service);
    out.push(
      finding(ctx, routeId, {
        severity: 'error',
        message: `On ${formatDate(ctx.on)} ${svc.title} needs ${route.holders.map((h) => holderWords[h.holder]).join('; or ')}; this arrangement's commissioners do not provide that.`,
        path,
      }),
    );
  });
  return out;
};

/**
 * A CCG commissioning primary medical services must hold NHS England's delegation (the
 * 2018 table assumes it, note 1; the 2017 table relies on the Delegation Agreement).
 */
export const primaryMedicalDelegated: Check = (ctx) =>
  ctx.arrangement.services.flatMap((s, i) => {
    const c = ctx.arrangement.commissioners.find((x) => x.id === s.commissioner);
    if (s.service !== 'primary-medical' || c?.kind !== 'ccg' || c.delegated_primary_medical) return [];
    return [
      finding(ctx, 'pooling.route.primary-medical', {
        severity: 'error',
        message: `${c.name} is named as commissioner of primary medical services but is not recorded as holding NHS England's delegation; set delegated_primary_medical: true once delegated, or make NHS England the commissioner.`,
        path: `services[${i}].commissioner`,
      }),
    ];
  });

/** Every service the arrangement names, which together say which Annex B model it is. */
function modelServices(ctx: CheckContext): string[] {
  const a = ctx.arrangement;
  return [...new Set([...a.services.map((s) => s.service), ...a.funds.flatMap((f) => f.services)])];
}

/**
 * Primary medical money may join a pooled fund only under the dated conditions: never by
 * a group of CCGs pooling under s14Z3A (delegation is to a single CCG), and only once NHS
 * England has amended the Delegation Agreement (2017 row B; 2018 note 2, which only
 * configurations A and B refer to: for E and F an amendment does not let it in).
 */
export const primaryMedicalPooled: Check = (ctx) => {
  const kinds = partyKinds(ctx.arrangement);
  const out: Finding[] = [];
  ctx.arrangement.funds.forEach((fund, i) => {
    const j = fund.services.indexOf('primary-medical');
    if (fund.kind !== 'pooled' || j < 0) return;
    const path = `funds[${i}].services[${j}]`;
    const route = ctx.rulebook.require('pooling.route.primary-medical', ctx.on, 'commissioning-route');
    if (fund.mechanism === 's14z3a') {
      out.push(
        finding(ctx, 'pooling.route.primary-medical', {
          severity: 'error',
          message: `${fund.name} pools primary medical money between CCGs under s14Z3A, but NHS England delegates primary medical commissioning only to a single CCG, never to a group.`,
          path,
        }),
      );
      return;
    }
    if (!fund.delegation_agreement_amended) {
      out.push(
        finding(ctx, 'pooling.route.primary-medical', {
          severity: 'error',
          message:
            `${fund.name} pools primary medical money, which is ring-fenced under the Delegation Agreement. ${route.pooling_condition ?? ''} Hold it in an aligned budget, or record delegation_agreement_amended: true once NHS England has amended the agreement.`.trim(),
          path,
        }),
      );
      return;
    }
    const reach = delegationAmendmentReach(ctx.rulebook, modelServices(ctx), ctx.on);
    if (reach && !reach.serves) {
      out.push(
        finding(ctx, reach.row?.rule ?? 'pooling.note.delegation-amendment', {
          severity: 'error',
          message: `${fund.name} pools primary medical money under an amended Delegation Agreement, but its services make this arrangement ${rowWords(reach)} of the national table in force on ${formatDate(ctx.on)}, and only configurations ${reach.servedModels.join(' and ')} allow such an amendment (note 2). For ${rowWords(reach)} GP money stays ring-fenced under the Delegation Agreement: hold it in an aligned budget.`,
          path,
        }),
      );
      return;
    }
    const hasNhse = fund.parties.some((p) => kinds.get(p) === 'nhs-england');
    const noteRule = ['pooling.principle.nhs-england-party', 'pooling.note.delegation-amendment'].find(
      (r) => {
        const e = ctx.rulebook.entries.get(r);
        return e && ctx.rulebook.versionOn(e, ctx.on);
      },
    );
    if (noteRule === 'pooling.principle.nhs-england-party' && hasNhse) return;
    if (noteRule) {
      out.push(
        finding(ctx, noteRule, {
          severity: noteRule === 'pooling.principle.nhs-england-party' ? 'warning' : 'information',
          message:
            noteRule === 'pooling.principle.nhs-england-party'
              ? `${fund.name} pools primary medical money under an amended Delegation Agreement; NHS England should be a party to the agreement.`
              : `${fund.name} pools primary medical money under an amended Delegation Agreement, which NHS England grants case by case to early ICP sites; keep the amendment with the agreement.`,
          path,
        }),
      );
    }
  });
  return out;
};
