import { Arrangement } from './arrangement.ts';
import { FileProblem, formatPath, type Problem, readYamlFile, validate, type YamlFile } from './yaml-file.ts';

/** Reads an arrangement YAML file: strict schema, then every cross-reference by id. */
export function readArrangementFile(file: string, text?: string): Arrangement {
  const yaml = readYamlFile(file, text);
  return parseArrangement(yaml);
}

export function parseArrangement(yaml: YamlFile): Arrangement {
  const arrangement = validate(yaml, Arrangement, yaml.value);
  const problems = referenceProblems(arrangement).map(({ path, message }) => ({
    path: formatPath(path),
    line: yaml.lineOf(path),
    message,
  }));
  if (problems.length) throw new FileProblem(yaml.file, problems);
  return arrangement;
}

type Found = { path: (string | number)[]; message: string };

/** Ids must be unique, and every reference must point at a party the file declares. */
export function referenceProblems(a: Arrangement): Found[] {
  const found: Found[] = [];
  const commissioners = new Set(a.commissioners.map((c) => c.id));
  const providers = new Set(a.providers.map((p) => p.id));
  const parties = new Set([...commissioners, ...providers]);

  const seen = new Set<string>();
  const declare = (id: string, path: (string | number)[]) => {
    if (seen.has(id))
      found.push({ path, message: `the id '${id}' is used twice; ids must be unique in the file` });
    seen.add(id);
  };
  a.commissioners.forEach((c, i) => declare(c.id, ['commissioners', i, 'id']));
  a.providers.forEach((p, i) => declare(p.id, ['providers', i, 'id']));
  a.funds.forEach((f, i) => declare(f.id, ['funds', i, 'id']));
  a.funding_streams.forEach((s, i) => declare(s.id, ['funding_streams', i, 'id']));
  a.subcontracts.forEach((s, i) => declare(s.id, ['subcontracts', i, 'id']));

  const refer = (id: string | undefined, among: Set<string>, what: string, path: (string | number)[]) => {
    if (id !== undefined && !among.has(id)) {
      found.push({
        path,
        message: `'${id}' is not one of the ${what} in this file (${[...among].join(', ')})`,
      });
    }
  };
  a.services.forEach((s, i) => {
    refer(s.commissioner, commissioners, 'commissioners', ['services', i, 'commissioner']);
    refer(s.provider, providers, 'providers', ['services', i, 'provider']);
  });
  a.funds.forEach((f, i) => {
    refer(f.host, commissioners, 'commissioners', ['funds', i, 'host']);
    f.parties.forEach((p, j) => refer(p, parties, 'commissioners or providers', ['funds', i, 'parties', j]));
  });
  a.funding_streams.forEach((s, i) =>
    refer(s.commissioner, commissioners, 'commissioners', ['funding_streams', i, 'commissioner']),
  );
  a.activities.forEach((x, i) => refer(x.provider, providers, 'providers', ['activities', i, 'provider']));
  a.subcontracts.forEach((s, i) =>
    refer(s.approved_by, parties, 'parties', ['subcontracts', i, 'approved_by']),
  );
  if (a.term && a.term.end < a.term.start) {
    found.push({ path: ['term', 'end'], message: `ends (${a.term.end}) before it starts (${a.term.start})` });
  }
  return found;
}

export type { Problem };
