import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractEventJsonSchema, contractEventSchemaFile } from '../../scripts/contract-event-schema.ts';
import { ContractEvent, eventTypes } from '../contracts/events.ts';
import {
  eventFields,
  eventFormErrors,
  type FieldSpec,
  initialValues,
  patternMessages,
  serverFieldId,
  toEvent,
} from './event-form.ts';
import { eventGroups, offeredGroups } from './event-names.ts';

const field = (fields: FieldSpec[], name: string) => fields.find((f) => f.name === name) as FieldSpec;

describe('event form model', () => {
  it('reads the published event schema, which is up to date with the code (regenerate with `npm run schema`)', () => {
    expect(JSON.parse(readFileSync(contractEventSchemaFile, 'utf8'))).toEqual(
      JSON.parse(contractEventJsonSchema()),
    );
  });

  it('names every event type once, in one of the groups', () => {
    const named = eventGroups.flatMap((g) => Object.keys(g.types));
    expect([...named].sort()).toEqual([...eventTypes].sort());
  });

  it('offers only the types the server offers, grouped, dropping empty groups', () => {
    expect(offeredGroups(['variation-agreed', 'practice-left', 'services-commenced'])).toEqual([
      { title: 'Procurement and award', types: [['services-commenced', 'Services started']] },
      { title: 'GP practices', types: [['practice-left', 'A GP practice leaves the contract']] },
      { title: 'Variations, suspension and termination', types: [['variation-agreed', 'Variation agreed']] },
    ]);
  });

  it('derives each field from the schema: kinds, labels, required, nested groups and lists', () => {
    const variation = eventFields('variation-agreed');
    expect(variation.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['description', 'text', true],
      ['add_services', 'list', false],
      ['remove_services', 'list', false],
      ['new_end', 'date', false],
      ['notice_periods', 'group', false],
      ['party', 'text', false],
      ['note', 'text', false],
    ]);
    const added = field(variation, 'add_services').fields as FieldSpec[];
    expect(added.map((f) => f.kind)).toEqual(['text', 'text', 'choice', 'text', 'yes-no']);
    expect(field(added, 'kind').options?.map((o) => o.value)).toEqual([
      'healthcare',
      'public-health',
      'social-care',
    ]);

    const full = field(eventFields('practice-integrated-fully'), 'practice');
    expect(full.kind).toBe('group');
    expect(full.fields?.map((f) => [f.label, f.kind])).toEqual([
      ['ODS code', 'text'],
      ['Name', 'text'],
      ['Registered patients', 'whole-number'],
      ['GP contract', 'choice'],
    ]);
    expect(field(eventFields('subcontract-proposed'), 'key').label).toBe('Key subcontract');
    expect(field(eventFields('indicator-result'), 'value').kind).toBe('decimal');
  });

  it('marks every money field of the zod schema as money and every pattern with a message', () => {
    const shapes = ContractEvent.options.map((o) => [o.shape.type.value, o.shape] as const);
    for (const [type, shape] of shapes) {
      const fields = eventFields(type);
      for (const [name, s] of Object.entries(shape)) {
        // PoundsText (optional or not) reads money written as '£1,200,000.00'.
        const inner = 'unwrap' in s && s.def.type === 'optional' ? (s as { unwrap(): unknown }).unwrap() : s;
        if ((inner as { def: { type: string } }).def.type === 'pipe' && name !== 'value')
          expect(field(fields, name).kind, `${type}.${name}`).toBe('money');
      }
      if (type === 'subcontract-proposed') expect(field(fields, 'value').kind).toBe('money');
      const patterns = JSON.stringify(fields).match(/"pattern":"((?:[^"\\]|\\.)*)"/g) ?? [];
      for (const p of patterns) expect(patternMessages[JSON.parse(`{${p}}`).pattern]).toBeDefined();
    }
  });

  it('turns what was typed into the event, leaving out blanks and writing money as the files do', () => {
    const fields = eventFields('subcontract-proposed');
    const values = {
      ...initialValues(fields),
      subcontract: 'talking-therapies',
      subcontractor: ' Black Country Partnership ',
      services: ['talking-therapies', ''],
      key: true,
      value: '1200000',
    };
    expect(eventFormErrors(fields, values)).toEqual([]);
    expect(toEvent('subcontract-proposed', '2021-09-01', 'provider', fields, values)).toEqual({
      type: 'subcontract-proposed',
      on: '2021-09-01',
      by: 'provider',
      subcontract: 'talking-therapies',
      subcontractor: 'Black Country Partnership',
      services: ['talking-therapies'],
      key: true,
      value: '£1,200,000.00',
    });
    expect(
      ContractEvent.safeParse(toEvent('subcontract-proposed', '2021-09-01', 'provider', fields, values))
        .success,
    ).toBe(true);
  });

  it('builds nested groups and list rows the server accepts', () => {
    const fields = eventFields('practice-integrated-partially');
    const values = {
      ...initialValues(fields),
      practice: { ods: 'M87001', name: 'Moss Grove Surgery', list_size: '12,345' },
      integration_agreement: {
        goals: ['Fewer emergency admissions'],
        information_sharing: true,
        joint_decisions: false,
        incentive_share_percent: '',
      },
    };
    expect(eventFormErrors(fields, values)).toEqual([]);
    const event = toEvent('practice-integrated-partially', '2021-10-01', 'practice', fields, values);
    expect(event.practice).toEqual({ ods: 'M87001', name: 'Moss Grove Surgery', list_size: 12345 });
    expect(event.integration_agreement).toEqual({
      goals: ['Fewer emergency admissions'],
      information_sharing: true,
      joint_decisions: false,
    });
    expect(ContractEvent.safeParse(event).success).toBe(true);
    const variation = eventFields('variation-agreed');
    const blank = toEvent('variation-agreed', '2021-09-01', 'commissioner', variation, {
      ...initialValues(variation),
      description: 'Extend',
    });
    expect(blank).toEqual({
      type: 'variation-agreed',
      on: '2021-09-01',
      by: 'commissioner',
      description: 'Extend',
    });
  });

  it('names each field and its row or group in its message', () => {
    const fields = eventFields('practice-integrated-fully');
    expect(
      eventFormErrors(fields, {
        ...initialValues(fields),
        practice: { ods: 'm87001', name: '', list_size: '-3', contract: '' },
      }),
    ).toEqual([
      {
        field: 'event-practice-ods',
        message: 'The practice: ODS code must be a letter and 5 digits, like M87001',
      },
      { field: 'event-practice-name', message: 'The practice: enter the name' },
      { field: 'event-practice-list_size', message: 'The practice: registered patients must be 0 or more' },
      { field: 'event-practice-contract', message: 'The practice: choose the GP contract' },
    ]);
    const proposed = eventFields('subcontract-proposed');
    expect(
      eventFormErrors(proposed, {
        ...initialValues(proposed),
        subcontract: 'Talking therapies',
        subcontractor: 'BCPFT',
        services: [''],
        value: '£12.345',
      }),
    ).toEqual([
      {
        field: 'event-subcontract',
        message: 'Subcontract must be lowercase words joined by dashes, for example talking-therapies',
      },
      { field: 'event-services-0', message: 'Services: add at least one' },
      {
        field: 'event-value',
        message: 'The value of the subcontract must be an amount in pounds, like £12,345.67',
      },
    ]);
    const variation = eventFields('variation-agreed');
    expect(
      eventFormErrors(variation, {
        ...initialValues(variation),
        description: 'Add a service',
        add_services: [
          {
            id: 'Urgent treatment',
            name: 'Urgent treatment centre',
            kind: 'healthcare',
            commissioner: 'dudley-ccg',
          },
          { id: '', name: '', kind: '', commissioner: '', primary_medical: false },
        ],
        notice_periods: { provider_contract_months: '0' },
      }),
    ).toEqual([
      {
        field: 'event-add_services-0-id',
        message:
          'Service added 1: id must be lowercase words joined by dashes, for example talking-therapies',
      },
      {
        field: 'event-notice_periods-provider_contract_months',
        message: 'New notice periods: provider ending the contract (months) must be 1 or more',
      },
    ]);
    const withheld = eventFields('payment-withheld');
    expect(eventFormErrors(withheld, { ...initialValues(withheld), plan: 'plan-1', amount: '' })).toEqual([
      { field: 'event-amount', message: 'Enter the amount' },
    ]);
  });

  it('links a problem the server names to its input', () => {
    expect(serverFieldId('body/event/practice/ods')).toBe('event-practice-ods');
    expect(serverFieldId('body/event/add_services/0/id')).toBe('event-add_services-0-id');
    expect(serverFieldId('body/event/on')).toBe('event-on');
  });
});
