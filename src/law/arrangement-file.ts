import { InvalidInput } from '../core/errors.ts';
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

  // Each id, service row, practice, fund party and dated payment row once: a repeat is named with the first.
  const once = (what: string) => {
    const first = new Map<string, (string | number)[]>();
    return (key: string, path: (string | number)[], shown = `'${key}'`) => {
      const at = first.get(key);
      if (at) found.push({ path, message: `${what} ${shown} is also at ${formatPath(at)}; give it once` });
      else first.set(key, path);
    };
  };
  const declare = once('the id');
  a.commissioners.forEach((c, i) => declare(c.id, ['commissioners', i, 'id']));
  a.providers.forEach((p, i) => declare(p.id, ['providers', i, 'id']));
  a.funds.forEach((f, i) => declare(f.id, ['funds', i, 'id']));
  a.funding_streams.forEach((s, i) => declare(s.id, ['funding_streams', i, 'id']));
  a.subcontracts.forEach((s, i) => declare(s.id, ['subcontracts', i, 'id']));
  const ods = once('the ODS code');
  a.commissioners.forEach((c, i) => c.ods !== undefined && ods(c.ods, ['commissioners', i, 'ods']));
  a.providers.forEach((p, i) => p.ods !== undefined && ods(p.ods, ['providers', i, 'ods']));
  const service = once('the service');
  a.services.forEach((s, i) =>
    service(
      `${s.service} ${s.commissioner} ${s.provider ?? ''}`,
      ['services', i],
      `'${s.service}' of ${s.commissioner}${s.provider ? ` provided by ${s.provider}` : ''}`,
    ),
  );
  const practice = once('the practice');
  a.gp_practices.forEach((g, i) => practice(g.ods, ['gp_practices', i, 'ods']));
  a.funds.forEach((f, i) => {
    const party = once('the party');
    f.parties.forEach((x, j) => party(x, ['funds', i, 'parties', j]));
    const fundService = once('the service');
    f.services.forEach((x, j) => fundService(x, ['funds', i, 'services', j]));
  });
  const p = a.payment;
  if (p) {
    const yearOnce = (rows: readonly { year: string }[], key: string[]) => {
      const year = once('the year');
      rows.forEach((r, i) => year(r.year, [...key, i, 'year'], r.year));
    };
    yearOnce(p.population_index, ['payment', 'population_index']);
    yearOnce(p.affordability, ['payment', 'affordability']);
    yearOnce(p.risk_share?.outturn ?? [], ['payment', 'risk_share', 'outturn']);
    const qof = once('the practice');
    p.qof?.practices.forEach((x, i) => qof(x.ods, ['payment', 'qof', 'practices', i, 'ods']));
  }

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

/**
 * Runs a question on an arrangement read from a file, so that bad input the rules find
 * later (an unknown activity, say, reported at `activities[2].activity`) names the file
 * and line as well as the path.
 */
export function askOfFile<T>(file: string, ask: (arrangement: Arrangement) => T): T {
  const yaml = readYamlFile(file);
  const arrangement = parseArrangement(yaml);
  try {
    return ask(arrangement);
  } catch (error) {
    if (!(error instanceof InvalidInput) || error instanceof FileProblem) throw error;
    const path = parsePath(error.field);
    if (!path) throw error;
    const message = error.hint ? `${error.problem}. ${error.hint}` : error.problem;
    throw new FileProblem(file, [{ path: error.field, line: yaml.lineOf(path), message }]);
  }
}

/** `activities[2].actions[0]` → ['activities', 2, 'actions', 0]; undefined if not a path. */
function parsePath(field: string): (string | number)[] | undefined {
  if (!/^[a-z_]+(\[\d+\]|\.[a-z_]+)*$/.test(field)) return undefined;
  // Only fields of the arrangement itself: `rule` or `on` come from elsewhere.
  if (!Object.hasOwn(Arrangement.shape, field.split(/[[.]/)[0] ?? '')) return undefined;
  return [...field.matchAll(/([a-z_]+)|\[(\d+)\]/g)].map((m) =>
    m[2] === undefined ? (m[1] as string) : Number(m[2]),
  );
}
