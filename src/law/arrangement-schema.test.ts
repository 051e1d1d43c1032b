import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readArrangementFile } from './arrangement-file.ts';
import { arrangementJsonSchema, arrangementSchemaFile } from './arrangement-schema.ts';

describe('published arrangement JSON Schema', () => {
  it('is up to date with the code (regenerate with `npm run schema`)', () => {
    expect(readFileSync(arrangementSchemaFile, 'utf8')).toBe(arrangementJsonSchema());
  });
});

describe('arrangement file messages name the field and the rule broken', () => {
  const read = (text: string) => () => readArrangementFile('test.yaml', text);
  const base = readFileSync('examples/black-country-dudley-place-2026.yaml', 'utf8');

  it('an empty file says it is empty', () => {
    expect(read('')).toThrow(/line 1: the file is empty/);
  });

  it('an amount with four decimal places says so', () => {
    expect(read(base.replace("'£61,400,000.00'", "'£61,400,000.0055'"))).toThrow(
      /funding_streams\[1\]\.annual_value: has more than two decimal places/,
    );
  });

  it('a YAML number where text is expected says to quote it', () => {
    expect(read(base.replace("achievement: '100%'", 'achievement: 1.05'))).toThrow(
      /payment\.cquin\.indicators\[0\]\.achievement: must be text, not the number 1\.05: write it in quotes/,
    );
  });

  it('duplicate service rows, practices and parties are refused, naming both places', () => {
    const services =
      '  - { service: community-health, commissioner: black-country-icb, provider: dudley-group }\n';
    expect(read(base.replace(services, services + services))).toThrow(
      /services\[2\]: the service 'community-health' of black-country-icb provided by dudley-group is also at services\[1\]/,
    );
    const gp = '  - { ods: M87012, name: The Greens Health Centre, contract: gms, mode: none }\n';
    expect(read(base.replace(gp, gp + gp))).toThrow(
      /gp_practices\[4\]\.ods: the practice 'M87012' is also at gp_practices\[3\]\.ods/,
    );
    expect(
      read(
        base.replace(
          'parties: [black-country-icb, dudley-council]',
          'parties: [black-country-icb, black-country-icb]',
        ),
      ),
    ).toThrow(/funds\[0\]\.parties\[1\]: the party 'black-country-icb' is also at funds\[0\]\.parties\[0\]/);
  });

  it('20,000 duplicate service rows are refused naming both places, listing the first 20 and counting the rest', () => {
    const services =
      '  - { service: community-health, commissioner: black-country-icb, provider: dudley-group }\n';
    let message = '';
    try {
      readArrangementFile('test.yaml', base.replace(services, services.repeat(20_001)));
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n');
    expect(lines[1]).toMatch(
      /^ {2}- line \d+, services\[2\]: the service 'community-health' of black-country-icb provided by dudley-group is also at services\[1\]; give it once$/,
    );
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('  … and 19,980 more (20,000 in all)');
  });
});
