import { describe, expect, it } from 'vitest';
import { readContractFile } from '../contracts/contract-file.ts';
import { replayContract } from '../contracts/replay.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { completeEvent, withContractChoices } from './contract-choices.ts';
import { eventFields, toEvent } from './event-form.ts';

const report = replayContract(
  loadRulebook(),
  readContractFile('examples/contracts/dudley-icp.yaml'),
  '2022-01-15',
);
const fields = (type: string) => withContractChoices(type, eventFields(type), report);

describe('a contract event offers the contract’s own things by name', () => {
  it('offers the obligations not yet met by name and due date, and sends the rule and occurrence', () => {
    const [which, ...rest] = fields('obligation-met');
    expect(which).toMatchObject({ kind: 'choice', label: 'Which obligation was met' });
    expect(rest.map((f) => f.name)).not.toContain('key');
    const first = which?.options?.[0];
    expect(first?.text).toMatch(/, due \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(first?.text).not.toMatch(/lifecycle\./);
    const open = report.obligations.filter((o) => o.status !== 'met' && o.status !== 'met-late');
    expect(which?.options).toHaveLength(open.length);
    const event = completeEvent(
      toEvent('obligation-met', '2022-01-15', 'provider', [which as never], {
        occurrence: first?.value ?? '',
      }),
      report,
    );
    const chosen = open.find((o) => `${o.rule}|${o.key}` === first?.value);
    expect(event).toEqual({
      type: 'obligation-met',
      on: '2022-01-15',
      by: 'provider',
      obligation: chosen?.rule,
      key: chosen?.key,
    });
  });

  it('offers the contract’s services and commissioners by name', () => {
    const service = fields('service-suspended').find((f) => f.name === 'service');
    expect(service?.kind).toBe('choice');
    expect(service?.options?.map((o) => o.text)).toEqual(
      report.state.particulars.services.map((s) => s.name),
    );
  });

  it('makes a new breach’s id from its date rather than asking for one', () => {
    expect(fields('breach-recorded').map((f) => f.name)).not.toContain('breach');
    expect(completeEvent({ type: 'breach-recorded', on: '2022-01-15' }, report)).toMatchObject({
      breach: 'breach-2022-01-15',
    });
  });
});

describe('fields inside a group', () => {
  it('offer the commissioners by name for a service a variation adds, but not existing practices for one joining', () => {
    const added = withContractChoices('variation-agreed', eventFields('variation-agreed'), report).find(
      (f) => f.name === 'add_services',
    );
    const commissioner = added?.fields?.find((f) => f.name === 'commissioner');
    expect(commissioner?.options?.map((o) => o.text)).toEqual([
      'NHS Dudley CCG',
      'Dudley Metropolitan Borough Council',
    ]);
    const joining = withContractChoices(
      'practice-integrated-partially',
      eventFields('practice-integrated-partially'),
      report,
    ).find((f) => f.name === 'practice');
    expect(joining?.fields?.find((f) => f.name === 'ods')?.kind).toBe('text');
  });
});
