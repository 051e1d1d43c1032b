import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { readContractFile } from './contract-file.ts';

const good = `
particulars:
  id: small
  name: Small ICP
  commissioners: [{ id: ccg, name: NHS Test CCG }]
  provider: { name: Test Trust, statutory_body: true }
  start: 2020-04-01
  end: 2025-03-31
  area: Test
  unregistered_residents: 0
  services: [{ id: community, name: Community, kind: healthcare, commissioner: ccg }]
  notice_periods: { provider_contract_months: 12, provider_service_months: 6, commissioner_contract_months: 6, commissioner_service_months: 3 }
  exit: { plan_months_before_expiry: 6, arrangements: [Transfer] }
events:
  - { on: 2018-09-03, type: intention-advertised, by: commissioner }
`;

describe('contract files', () => {
  it('reads a valid file', () => {
    expect(readContractFile('small.yaml', good).events).toHaveLength(1);
  });

  it('names the line of an unknown event type', () => {
    expect(() => readContractFile('x.yaml', good.replace('intention-advertised', 'contract-signed'))).toThrow(
      /line 15, events\[0\]/,
    );
  });

  it('refuses events out of date order', () => {
    const text = `${good}  - { on: 2018-01-01, type: intention-advertised, by: commissioner }\n`;
    expect(() => readContractFile('x.yaml', text)).toThrow(/events\[1\]\.on.*oldest first/);
  });

  it('refuses a service whose commissioner is not a party', () => {
    expect(() =>
      readContractFile('x.yaml', good.replace('commissioner: ccg }]', 'commissioner: council }]')),
    ).toThrow(InvalidInput);
  });

  it('requires the non-statutory safeguards when the provider is not a statutory body', () => {
    expect(() =>
      readContractFile('x.yaml', good.replace('statutory_body: true', 'statutory_body: false')),
    ).toThrow(/non_statutory/);
  });

  it('refuses a term that ends before it starts', () => {
    expect(() => readContractFile('x.yaml', good.replace('end: 2025-03-31', 'end: 2019-03-31'))).toThrow(
      /ends/,
    );
  });
});
