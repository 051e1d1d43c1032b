import { type FormEvent, useEffect, useState } from 'react';
import { financialYearOf, formatDate } from '../../core/dates.ts';
import { formatPounds, parsePounds } from '../../core/money.ts';
import { ApiError } from '../api.ts';
import { arrangementErrors, fieldId, serverFieldId } from '../arrangement-form.ts';
import { DateInput } from '../components/DateInput.tsx';
import { Checkbox, ErrorSummary, type FieldError, Select, TextInput } from '../components/forms.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { useSaveArrangement } from '../endpoints.ts';
import type { Arrangement, StoredArrangement } from '../types.ts';
import { required } from '../validation.ts';

type Commissioner = Arrangement['commissioners'][number];
type Provider = Arrangement['providers'][number];
type Subcontract = Arrangement['subcontracts'][number];
type Practice = Arrangement['gp_practices'][number];
type Activity = Arrangement['activities'][number];

const commissionerKinds = [
  { value: 'ccg', text: 'Clinical commissioning group (until 30 June 2022)' },
  { value: 'icb', text: 'Integrated care board (from 1 July 2022)' },
  { value: 'nhs-england', text: 'NHS England' },
  { value: 'local-authority', text: 'Local authority' },
  { value: 'combined-authority', text: 'Combined authority' },
] as const;

const providerKinds = [
  { value: 'nhs-trust', text: 'NHS trust' },
  { value: 'nhs-foundation-trust', text: 'NHS foundation trust' },
  { value: 'local-authority', text: 'Local authority' },
  { value: 'company', text: 'Company' },
  { value: 'community-interest-company', text: 'Community interest company' },
  { value: 'limited-liability-partnership', text: 'Limited liability partnership' },
  { value: 'gp-partnership', text: 'GP partnership' },
  { value: 'gp-federation', text: 'GP federation' },
  { value: 'voluntary-sector', text: 'Voluntary sector organisation' },
] as const;

const providerRoles = [
  { value: 'none', text: 'Nothing: the commissioner does it' },
  { value: 'supports', text: 'Supports the commissioner' },
  { value: 'responsible', text: 'Responsible' },
] as const;

const practiceContracts = [
  { value: 'gms', text: 'GMS' },
  { value: 'pms', text: 'PMS' },
  { value: 'apms', text: 'APMS' },
] as const;

const integrationModes = [
  { value: 'full', text: 'Full: services move into the ICP Contract' },
  { value: 'partial', text: 'Partial: Integration Agreement' },
  { value: 'none', text: 'Not integrated' },
] as const;

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/**
 * The arrangement in forms. Each field is checked as it changes; saving checks everything,
 * lists the problems in an error summary, and sends the version it started from so a
 * change someone else saved meanwhile is never overwritten (the server answers 409).
 */
export function ArrangementEditor({ stored, editable }: { stored: StoredArrangement; editable: boolean }) {
  const [draft, setDraft] = useState<Arrangement>(stored.document);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const save = useSaveArrangement(stored.id);

  // A newer saved version replaces the draft.
  useEffect(() => {
    setDraft(stored.document);
    setTouched(new Set());
    setSubmitted(false);
  }, [stored.document]);

  const errors = [
    ...arrangementErrors(draft),
    ...(required(reason, 'why you are making this change')
      ? [{ field: 'reason', message: 'Enter why you are making this change' }]
      : []),
  ];
  const errorFor = (...path: (string | number)[]) => {
    const f = fieldId(...path);
    return submitted || touched.has(f) ? errors.find((e) => e.field === f)?.message : undefined;
  };
  const touch = (...path: (string | number)[]) => setTouched((t) => new Set(t).add(fieldId(...path)));

  const serverErrors: FieldError[] =
    save.error instanceof ApiError
      ? save.error.status === 409
        ? [
            {
              field: '',
              message:
                'Someone else saved a newer version while you were editing. Reload the page to see it.',
            },
          ]
        : [
            ...save.error.fieldErrors().map((e) => {
              const field = serverFieldId(e.field);
              return { field, message: `${field.replaceAll('-', ' ')} ${e.message}` };
            }),
            // Parties that do not match: the detail names the stored parties and how to change them.
            ...(save.error.status === 422 ? [{ field: '', message: save.error.message }] : []),
          ]
      : save.error
        ? [{ field: '', message: save.error.message }]
        : [];
  const summary = [...(submitted ? errors : []), ...serverErrors];
  const serverErrorFor = (...path: (string | number)[]) =>
    serverErrors.find((e) => e.field === fieldId(...path))?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.length > 0) return;
    save.mutate(
      { version: stored.version, arrangement: draft, reason: reason.trim() },
      { onSuccess: () => setReason('') },
    );
  };

  const setCommissioner = (i: number, c: Commissioner) =>
    setDraft({ ...draft, commissioners: replaceAt(draft.commissioners, i, c) });
  const setProvider = (i: number, p: Provider) =>
    setDraft({ ...draft, providers: replaceAt(draft.providers, i, p) });
  const setSubcontract = (i: number, s: Subcontract) =>
    setDraft({ ...draft, subcontracts: replaceAt(draft.subcontracts, i, s) });
  const setPractice = (i: number, g: Practice) =>
    setDraft({ ...draft, gp_practices: replaceAt(draft.gp_practices, i, g) });
  const setActivity = (i: number, a: Activity) =>
    setDraft({ ...draft, activities: replaceAt(draft.activities, i, a) });
  const partyOptions = [
    { value: '', text: 'Not approved' },
    ...draft.commissioners.map((c) => ({ value: c.id, text: c.name })),
    ...draft.providers.map((p) => ({ value: p.id, text: p.name })),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} />
      {save.isSuccess && !save.isPending && (
        <div className="nhsuk-inset-text" role="status">
          <p>Saved as version {save.data.version}. The check above now uses it.</p>
        </div>
      )}
      <fieldset className="nhsuk-fieldset" disabled={!editable}>
        <TextInput
          id="name"
          label="Name"
          value={draft.name}
          error={errorFor('name')}
          onChange={(name) => setDraft({ ...draft, name })}
          onBlur={() => touch('name')}
        />
        <TextInput
          id="place"
          label="Place or system it serves"
          value={draft.place ?? ''}
          onChange={(place) => setDraft({ ...draft, place })}
        />
        {draft.term && (
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <DateInput
                id="term-start"
                legend="Term starts"
                value={draft.term.start}
                error={errorFor('term', 'start')}
                onChange={(start) => draft.term && setDraft({ ...draft, term: { ...draft.term, start } })}
                onBlur={() => touch('term', 'start')}
              />
            </div>
            <div className="nhsuk-grid-column-one-half">
              <DateInput
                id="term-end"
                legend="Term ends"
                value={draft.term.end}
                error={errorFor('term', 'end')}
                onChange={(end) => draft.term && setDraft({ ...draft, term: { ...draft.term, end } })}
                onBlur={() => touch('term', 'end')}
              />
            </div>
          </div>
        )}

        <h3 id="commissioners" tabIndex={-1}>
          Commissioners
        </h3>
        {draft.commissioners.map((c, i) => (
          <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-3" key={fieldId('commissioners', i)}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Commissioner {i + 1}</legend>
            <TextInput
              id={fieldId('commissioners', i, 'name')}
              label="Name"
              value={c.name}
              error={errorFor('commissioners', i, 'name')}
              onChange={(name) => setCommissioner(i, { ...c, name })}
              onBlur={() => touch('commissioners', i, 'name')}
            />
            <TextInput
              id={fieldId('commissioners', i, 'id')}
              label="Id in this arrangement"
              width={20}
              value={c.id}
              error={errorFor('commissioners', i, 'id')}
              onChange={(v) => setCommissioner(i, { ...c, id: v })}
              onBlur={() => touch('commissioners', i, 'id')}
            />
            <Select
              id={fieldId('commissioners', i, 'kind')}
              label="Kind of body"
              value={c.kind}
              options={commissionerKinds}
              onChange={(kind) => setCommissioner(i, { ...c, kind })}
            />
            <TextInput
              id={fieldId('commissioners', i, 'ods')}
              label="ODS code (optional)"
              width={10}
              hint="Who is party is changed under Parties above, not here"
              value={c.ods ?? ''}
              error={serverErrorFor('commissioners', i, 'ods')}
              onChange={(ods) => setCommissioner(i, { ...c, ods: ods || undefined })}
            />
          </fieldset>
        ))}

        <h3 id="providers" tabIndex={-1}>
          Providers
        </h3>
        {draft.providers.map((p, i) => (
          <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-3" key={fieldId('providers', i)}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Provider {i + 1}</legend>
            <TextInput
              id={fieldId('providers', i, 'name')}
              label="Name"
              value={p.name}
              error={errorFor('providers', i, 'name')}
              onChange={(name) => setProvider(i, { ...p, name })}
              onBlur={() => touch('providers', i, 'name')}
            />
            <TextInput
              id={fieldId('providers', i, 'id')}
              label="Id in this arrangement"
              width={20}
              value={p.id}
              error={errorFor('providers', i, 'id')}
              onChange={(v) => setProvider(i, { ...p, id: v })}
              onBlur={() => touch('providers', i, 'id')}
            />
            <Select
              id={fieldId('providers', i, 'kind')}
              label="Kind of organisation"
              value={p.kind}
              options={providerKinds}
              onChange={(kind) => setProvider(i, { ...p, kind })}
            />
            <div className="nhsuk-checkboxes">
              <Checkbox
                id={fieldId('providers', i, 'lead')}
                label="The Integrated Care Provider holding the contract"
                checked={p.lead ?? false}
                onChange={(lead) => setProvider(i, { ...p, lead })}
              />
              <Checkbox
                id={fieldId('providers', i, 'statutory_body')}
                label="A statutory body (NHS trust, foundation trust or local authority)"
                checked={p.statutory_body ?? false}
                onChange={(statutory_body) => setProvider(i, { ...p, statutory_body })}
              />
            </div>
          </fieldset>
        ))}

        {draft.activities.length > 0 && <h3>Who carries out each commissioning activity</h3>}
        {draft.activities.map((a, i) => (
          <Select
            key={fieldId('activities', i)}
            id={fieldId('activities', i, 'provider_role')}
            label={`Provider’s part in ${a.activity}`}
            value={a.provider_role}
            options={providerRoles}
            onChange={(provider_role) => setActivity(i, { ...a, provider_role })}
          />
        ))}

        <h3>Subcontracts</h3>
        {draft.subcontracts.length === 0 && <p>None.</p>}
        {draft.subcontracts.map((s, i) => (
          <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-3" key={fieldId('subcontracts', i)}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Subcontract {i + 1}</legend>
            <TextInput
              id={fieldId('subcontracts', i, 'subcontractor')}
              label="Subcontractor"
              value={s.subcontractor}
              error={errorFor('subcontracts', i, 'subcontractor')}
              onChange={(subcontractor) => setSubcontract(i, { ...s, subcontractor })}
              onBlur={() => touch('subcontracts', i, 'subcontractor')}
            />
            <TextInput
              id={fieldId('subcontracts', i, 'value')}
              label="Value in pounds"
              hint="For example £4,200,000.00"
              width={20}
              value={s.value ?? ''}
              error={errorFor('subcontracts', i, 'value')}
              onChange={(value) => setSubcontract(i, { ...s, value: value || undefined })}
              onBlur={() => touch('subcontracts', i, 'value')}
            />
            <Select
              id={fieldId('subcontracts', i, 'approved_by')}
              label="Approved by"
              hint="Only a commissioner can approve a subcontract"
              value={s.approved_by ?? ''}
              options={partyOptions}
              error={errorFor('subcontracts', i, 'approved_by')}
              onChange={(approved_by) => setSubcontract(i, { ...s, approved_by: approved_by || undefined })}
            />
          </fieldset>
        ))}

        <h3>GP practices</h3>
        {draft.gp_practices.length === 0 && <p>None.</p>}
        {draft.gp_practices.map((g, i) => (
          <fieldset className="nhsuk-fieldset nhsuk-card nhsuk-u-padding-3" key={fieldId('gp_practices', i)}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              {g.name ?? 'Practice'} ({g.ods})
            </legend>
            <TextInput
              id={fieldId('gp_practices', i, 'ods')}
              label="ODS code"
              width={10}
              value={g.ods}
              error={errorFor('gp_practices', i, 'ods')}
              onChange={(ods) => setPractice(i, { ...g, ods })}
              onBlur={() => touch('gp_practices', i, 'ods')}
            />
            <Select
              id={fieldId('gp_practices', i, 'contract')}
              label="Contract"
              value={g.contract}
              options={practiceContracts}
              onChange={(contract) => setPractice(i, { ...g, contract })}
            />
            <Select
              id={fieldId('gp_practices', i, 'mode')}
              label="Integration"
              value={g.mode}
              options={integrationModes}
              onChange={(mode) => setPractice(i, { ...g, mode })}
            />
          </fieldset>
        ))}

        <FundingTable arrangement={draft} />

        <TextInput
          id="reason"
          label="Why are you making this change?"
          hint="This goes in the audit log with your name"
          value={reason}
          error={errorFor('reason')}
          onChange={setReason}
          onBlur={() => touch('reason')}
        />
        <button className="nhsuk-button" type="submit" disabled={save.isPending}>
          Save a new version
        </button>
      </fieldset>
      {!editable && <p>Your role lets you read this arrangement but not change it.</p>}
    </form>
  );
}

function FundingTable({ arrangement }: { arrangement: Arrangement }) {
  const streams = arrangement.funding_streams;
  if (streams.length === 0) return null;
  const commissioner = new Map(arrangement.commissioners.map((c) => [c.id, c.name]));
  const total = streams.reduce((sum, s) => sum + parsePounds(s.annual_value), 0);
  const year = arrangement.term ? financialYearOf(arrangement.term.start) : undefined;
  return (
    <>
      <h3>Funding streams</h3>
      <ScrollBox label="Table">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Annual value of each funding stream
            {year &&
              ` (term from ${formatDate(arrangement.term?.start ?? '')}, first financial year ${year})`}
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Commissioner</th>
              <th scope="col">Source</th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Annual value
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {streams.map((s) => (
              <tr key={s.id}>
                <td>{s.service}</td>
                <td>{commissioner.get(s.commissioner) ?? s.commissioner}</td>
                <td>{s.source}</td>
                <td className="nhsuk-table__cell--numeric">{formatPounds(parsePounds(s.annual_value))}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td className="nhsuk-table__cell--numeric">
                <strong>{formatPounds(total)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}
