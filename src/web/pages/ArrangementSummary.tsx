import type { ReactNode } from 'react';
import { formatDate } from '../../core/dates.ts';
import { formatPounds, parsePounds } from '../../core/money.ts';
import type { Namer } from '../arrangement-draft.ts';
import { steps } from '../arrangement-steps.ts';
import {
  commissionerKindWords,
  contractWords,
  fundingSourceWords,
  fundKindWords,
  integrationWords,
  kindAndCode,
  mechanismWords,
  midSentence,
  providerKindWords,
  providerRoleWords,
} from '../arrangement-words.ts';
import { Link } from '../components/Link.tsx';
import type { CatalogueActivity } from '../endpoints.ts';
import type { Arrangement } from '../types.ts';
import { pounds } from '../validation.ts';

type Row = { key: ReactNode; value: ReactNode };

/** Each part of an arrangement as an NHS summary list, in the question pages' order. */
export function ArrangementSummary({
  arrangement: a,
  names,
  activities,
  changeHref,
  level = 2,
}: {
  arrangement: Arrangement;
  /** The level of each part's heading: 2 on a page of its own, 3 inside a section. */
  level?: 2 | 3;
  names: Namer;
  activities: readonly CatalogueActivity[];
  /** Where a part's Change link goes; no links when not given. */
  changeHref?: (step: string) => string;
}) {
  // A draft may hold an amount still being typed: shown as typed until it reads as pounds.
  const amount = (text: string) => (pounds(text, 'amount') ? undefined : parsePounds(text));
  const money = (text: string | undefined) => {
    if (!text) return 'Not given';
    const value = amount(text);
    return value === undefined ? text : formatPounds(value);
  };
  const list = (ids: readonly string[], name: (id: string) => string) => ids.map(name).join(', ') || 'None';
  const activity = (id: string) => activities.find((x) => x.activity === id)?.title ?? id;
  const total = a.funding_streams.reduce((sum, s) => sum + (amount(s.annual_value) ?? 0), 0);
  const rows: Record<string, Row[]> = {
    name: [
      { key: 'Name', value: a.name },
      { key: 'Place', value: a.place ?? 'Not given' },
      ...(a.description ? [{ key: 'What it is for', value: a.description }] : []),
    ],
    commissioners: a.commissioners.map((c) => ({
      key: c.name,
      value: `${kindAndCode(commissionerKindWords[c.kind], c.ods)}${c.delegated_primary_medical ? '; holds delegated primary medical services' : ''}`,
    })),
    providers: a.providers.map((p) => ({
      key: p.name,
      value: `${kindAndCode(providerKindWords[p.kind], p.ods)}${p.lead ? '; the Integrated Care Provider' : ''}`,
    })),
    services: a.services.map((s) => ({
      key: names.service(s.service),
      value: `Commissioned by ${names.party(s.commissioner)}; ${s.provider ? `provided by ${names.party(s.provider)}` : 'provided outside the arrangement'}`,
    })),
    funds: a.funds.map((f) => ({
      key: f.name,
      value: (
        <>
          {fundKindWords[f.kind]}. {mechanismWords[f.mechanism]}
          {f.host && `, hosted by ${names.party(f.host)}`}.
          <br />
          Partners: {list(f.parties, names.party)}.
          <br />
          Services: {list(f.services, names.service)}.
        </>
      ),
    })),
    funding: [
      ...a.funding_streams.map((s) => ({
        key: `${names.service(s.service)}, from ${names.party(s.commissioner)}`,
        value: `${money(s.annual_value)} a year, from ${midSentence(fundingSourceWords[s.source])}`,
      })),
      ...(a.funding_streams.length > 1 ? [{ key: 'Total a year', value: formatPounds(total) }] : []),
    ],
    practices: a.gp_practices.map((g) => ({
      key: `${g.name ?? 'Practice'} (${g.ods})`,
      value: `${contractWords[g.contract]}; ${integrationWords[g.mode]}`,
    })),
    subcontracts: a.subcontracts.map((s) => ({
      key: s.subcontractor,
      value: `${list(s.services, names.service)}; ${s.value ? money(s.value) : 'value not given'}; ${s.approved_by ? `approved by ${names.party(s.approved_by)}` : 'not approved yet'}`,
    })),
    activities: a.activities.map((x) => ({
      key: activity(x.activity),
      value: `${providerRoleWords[x.provider_role]}${x.provider ? ` (${names.party(x.provider)})` : ''}`,
    })),
    term: a.term
      ? [
          { key: 'Starts', value: formatDate(a.term.start) },
          { key: 'Ends', value: formatDate(a.term.end) },
          { key: 'Exit arrangements agreed', value: a.term.exit_arrangements ? 'Yes' : 'No' },
        ]
      : [{ key: 'Term', value: 'Not agreed yet' }],
  };
  const Heading = level === 2 ? 'h2' : 'h3';
  const kept = [
    a.payment && 'how the provider is paid (incentives, uplifts, risk share)',
    a.procurement && 'how the contract is awarded',
    a.place_partnership && 'the place partnership',
  ].filter(Boolean);
  return (
    <div data-testid="arrangement-summary">
      {steps.map((step) => (
        <section key={step.slug} aria-labelledby={`summary-${step.slug}`}>
          <div className="concordat-summary-heading">
            <Heading className="nhsuk-heading-m" id={`summary-${step.slug}`}>
              {step.name}
            </Heading>
            {changeHref && (
              <Link href={changeHref(step.slug)}>
                Change<span className="nhsuk-u-visually-hidden"> {step.name.toLowerCase()}</span>
              </Link>
            )}
          </div>
          <dl className="nhsuk-summary-list">
            {(rows[step.slug] ?? []).length === 0 && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">None</dt>
                <dd className="nhsuk-summary-list__value">Nothing recorded.</dd>
              </div>
            )}
            {(rows[step.slug] ?? []).map((r, i) => (
              // Rows are the document's own items in order; two can share a name.
              <div className="nhsuk-summary-list__row" key={i}>
                <dt className="nhsuk-summary-list__key">{r.key}</dt>
                <dd className="nhsuk-summary-list__value">{r.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {kept.length > 0 && (
        <p className="nhsuk-body-s">
          It also records {kept.join(', ')}: these pages keep them as they are (they are changed through the
          API).
        </p>
      )}
    </div>
  );
}
