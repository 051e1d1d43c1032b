import { formatPounds, parsePounds } from '../../../core/money.ts';
import { addFund, addFundingStream, removeFund, removeFundingStream } from '../../arrangement-draft.ts';
import { findingsAt, findingsOfItem } from '../../arrangement-steps.ts';
import { fundingSourceWords, fundKindWords, mechanismWords, optionsOf } from '../../arrangement-words.ts';
import { Checkboxes, Radios, Select, TextInput } from '../../components/forms.tsx';
import { pounds } from '../../validation.ts';
import { PlacedFindings } from '../findings.tsx';
import type { StepProps } from './ArrangementFlow.tsx';
import { ItemCard } from './PartiesSteps.tsx';

type Fund = StepProps['draft']['funds'][number];
type Stream = StepProps['draft']['funding_streams'][number];

const fundFields = ['name', 'kind', 'mechanism', 'host', 'parties', 'services'];

export function FundsStep({ draft, change, errorFor, findings, names, announce }: StepProps) {
  const set = (i: number, fields: Partial<Fund>) =>
    change({ ...draft, funds: draft.funds.map((x, j) => (j === i ? { ...x, ...fields } : x)) });
  const at = (i: number, field: string) => findingsAt(findings, 'funds', i, field);
  const partners = [...draft.commissioners, ...draft.providers].map((p) => ({ value: p.id, text: p.name }));
  const serviceIds = [...new Set(draft.services.map((s) => s.service))];
  return (
    <>
      <p>
        Say how the money for the services is brought together. A pooled fund is one budget the partners spend
        together; with a council in it, section 75 of the NHS Act 2006 is the usual way. Money the law keeps
        apart (primary medical money under the Delegation Agreement, section 7A public health) is held in an
        aligned budget instead: the check says where.
      </p>
      {draft.funds.map((f, i) => (
        <ItemCard
          key={f.id}
          testId="fund"
          title={f.name || `Fund ${i + 1}`}
          about={fundKindWords[f.kind]}
          findings={findingsOfItem(findings, fundFields, 'funds', i)}
          onRemove={() => {
            change(removeFund(draft, i));
            announce(`Removed ${f.name || `fund ${i + 1}`}.`);
          }}
        >
          <TextInput
            id={`funds-${i}-name`}
            label="Name of the fund"
            value={f.name}
            error={errorFor('funds', i, 'name')}
            onChange={(name) => set(i, { name })}
          />
          <Radios
            id={`funds-${i}-kind`}
            legend="How the money is held"
            value={f.kind}
            options={optionsOf(fundKindWords)}
            onChange={(kind) => set(i, { kind })}
          >
            <PlacedFindings findings={at(i, 'kind')} />
          </Radios>
          <Select
            id={`funds-${i}-mechanism`}
            label="Under which power"
            value={f.mechanism}
            options={optionsOf(mechanismWords)}
            onChange={(mechanism) => set(i, { mechanism })}
          />
          <PlacedFindings findings={at(i, 'mechanism')} />
          <Select
            id={`funds-${i}-host`}
            label="Hosted by"
            hint="The commissioner that holds a pooled fund for the partners"
            value={f.host ?? ''}
            options={[
              { value: '', text: 'No host' },
              ...draft.commissioners.map((c) => ({ value: c.id, text: c.name })),
            ]}
            onChange={(host) => {
              const { host: _old, ...rest } = f;
              change({
                ...draft,
                funds: draft.funds.map((x, j) => (j === i ? (host ? { ...rest, host } : rest) : x)),
              });
            }}
          />
          <PlacedFindings findings={at(i, 'host')} />
          <Checkboxes
            id={`funds-${i}-parties`}
            legend="Partners in the fund"
            value={f.parties}
            options={partners}
            error={errorFor('funds', i, 'parties')}
            onChange={(parties) => set(i, { parties })}
          >
            <PlacedFindings findings={at(i, 'parties')} />
          </Checkboxes>
          <Checkboxes
            id={`funds-${i}-services`}
            legend="Services whose money is in it"
            value={f.services}
            options={serviceIds.map((s) => ({ value: s, text: names.service(s) }))}
            error={errorFor('funds', i, 'services')}
            onChange={(services) => set(i, { services })}
          >
            <PlacedFindings findings={at(i, 'services')} />
          </Checkboxes>
        </ItemCard>
      ))}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={draft.commissioners.length === 0 || draft.services.length === 0}
        onClick={() => change(addFund(draft, draft.place ? `${draft.place} pooled fund` : 'Pooled fund'))}
      >
        Add a fund
      </button>
      {(draft.commissioners.length === 0 || draft.services.length === 0) && (
        <p className="nhsuk-body-s">A fund needs commissioners and services: add them first.</p>
      )}
    </>
  );
}

const streamFields = ['service', 'commissioner', 'source', 'annual_value'];

export function FundingStep({ draft, change, errorFor, findings, services, names, announce }: StepProps) {
  const set = (i: number, fields: Partial<Stream>) =>
    change({
      ...draft,
      funding_streams: draft.funding_streams.map((x, j) => (j === i ? { ...x, ...fields } : x)),
    });
  const at = (i: number, field: string) => findingsAt(findings, 'funding_streams', i, field);
  const rows = draft.services.map((s) => ({
    value: `${s.service} ${s.commissioner}`,
    text: `${names.service(s.service)}, from ${names.party(s.commissioner)}`,
  }));
  const valid = draft.funding_streams.filter((s) => !pounds(s.annual_value, 'value'));
  const total = valid.reduce((sum, s) => sum + parsePounds(s.annual_value), 0);
  return (
    <>
      <p>
        Give the money each commissioner puts in for each service, for a full year, in pounds and pence, and
        where it comes from.
      </p>
      {draft.funding_streams.map((s, i) => (
        <ItemCard
          key={s.id}
          testId="funding-stream"
          title={`${names.service(s.service)}, from ${names.party(s.commissioner)}`}
          about={
            s.annual_value && !pounds(s.annual_value, 'value')
              ? `${formatPounds(parsePounds(s.annual_value))} a year`
              : 'Value to enter'
          }
          findings={findingsOfItem(findings, streamFields, 'funding_streams', i)}
          onRemove={() => {
            change(removeFundingStream(draft, i));
            announce(`Removed the funding stream for ${names.service(s.service)}.`);
          }}
        >
          <Select
            id={`funding_streams-${i}-service`}
            label="For which service, from which commissioner"
            value={`${s.service} ${s.commissioner}`}
            options={rows}
            onChange={(row) => {
              const [service = s.service, commissioner = s.commissioner] = row.split(' ');
              set(i, { service, commissioner });
            }}
          />
          <PlacedFindings findings={[...at(i, 'service'), ...at(i, 'commissioner')]} />
          <Select
            id={`funding_streams-${i}-source`}
            label="Where the money comes from"
            value={s.source}
            options={optionsOf(fundingSourceWords)}
            onChange={(source) => set(i, { source })}
          />
          <PlacedFindings findings={at(i, 'source')} />
          <TextInput
            id={`funding_streams-${i}-annual_value`}
            label="Annual value"
            hint="In pounds and pence, for example 4,500,000.00"
            prefix="£"
            width={20}
            value={s.annual_value.replace(/^£/, '')}
            error={errorFor('funding_streams', i, 'annual_value')}
            onChange={(value) =>
              set(i, { annual_value: value.trim() === '' ? '' : `£${value.trim().replace(/^£/, '')}` })
            }
          />
          <PlacedFindings findings={at(i, 'annual_value')} />
        </ItemCard>
      ))}
      {draft.funding_streams.length > 0 && (
        <p data-testid="funding-total">
          <strong>Total a year: {formatPounds(total)}</strong>
          {valid.length < draft.funding_streams.length && ' (streams without a valid value are left out)'}
        </p>
      )}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={draft.services.length === 0}
        onClick={() => change(addFundingStream(draft, services))}
      >
        Add a funding stream
      </button>
    </>
  );
}
