import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import { loadCompiled } from './compiled-rulebook.ts';
import { formatDate, type IsoDate } from './date.ts';
import { isKindName, type KindFields, type KindName, kinds } from './kinds/index.ts';
import { type Citation, EntryEnvelope, type Provenance, Source, versionBase } from './schema.ts';
import { type Topic, topics } from './topics.ts';
import { FileProblem, formatPath, readYamlFile, validate, type YamlFile } from './yaml-file.ts';

/** The rulebook folder shipped with Concordat. */
export const defaultRulebookDir = fileURLToPath(new URL('../../rulebook', import.meta.url));

export { type Topic, topics } from './topics.ts';

export type RuleVersion<K extends KindName = KindName> = {
  from: IsoDate;
  to?: IsoDate | undefined;
  cite: Citation[];
} & KindFields<K>;

export interface RuleEntry<K extends KindName = KindName> {
  id: string;
  title: string;
  kind: K;
  topic: Topic;
  file: string;
  /** How the entry was verified against its sources, or why it has not been. */
  provenance: Provenance;
  outside_seeds: boolean;
  /** Why no check tests this rule (read only through `concordat explain`), if none does. */
  not_checked?: string | undefined;
  versions: RuleVersion<K>[];
}

/** A citation ready to show a person: the document's title, publisher, date and place. */
export interface ResolvedCitation extends Citation {
  text: string;
  outside_seeds: boolean;
  url?: string | undefined;
  /** The PDF page the cited place begins on, where known (rulebook/sources.yaml `pages`). */
  page?: number | undefined;
}

/** A parameter's value on a date, with where it comes from and how far that was checked. */
export interface ParameterValue {
  id: string;
  title: string;
  value: number | string;
  unit: string;
  from: IsoDate;
  to?: IsoDate | undefined;
  cite: ResolvedCitation[];
  provenance: Provenance;
}

/** A rulebook as plain JSON-ready data: its sources and entries in file order. */
export interface RulebookData {
  sources: Source[];
  entries: RuleEntry[];
}

export class Rulebook {
  /** A rulebook from data already validated (the compiled form of the YAML files). */
  static fromData(data: RulebookData): Rulebook {
    return new Rulebook(
      new Map(data.sources.map((s) => [s.id, s])),
      new Map(data.entries.map((e) => [e.id, e])),
    );
  }

  readonly sources: ReadonlyMap<string, Source>;
  readonly entries: ReadonlyMap<string, RuleEntry>;

  constructor(sources: Map<string, Source>, entries: Map<string, RuleEntry>) {
    this.sources = sources;
    this.entries = entries;
  }

  /** The rulebook as plain data, for the compiled form. */
  toData(): RulebookData {
    return { sources: [...this.sources.values()], entries: [...this.entries.values()] };
  }

  /** The entry with this id, or an error that suggests the nearest ids. */
  entry(id: string): RuleEntry {
    const found = this.entries.get(id);
    if (found) return found;
    const near = [...this.entries.keys()].filter(
      (k) => k.includes(id) || id.includes(k.split('.').pop() ?? ''),
    );
    throw new InvalidInput(
      'rule',
      `there is no rule '${id}'`,
      near.length ? `Did you mean ${near.slice(0, 5).join(', ')}?` : 'Run `concordat rules` to list them.',
    );
  }

  /** The version of a rule in force on a date, if any. */
  versionOn<K extends KindName>(entry: RuleEntry<K>, on: IsoDate): RuleVersion<K> | undefined {
    return entry.versions.find((v) => v.from <= on && (v.to === undefined || on <= v.to));
  }

  /** The version in force on a date, or a plain error saying which dates the rule covers. */
  require<K extends KindName>(id: string, on: IsoDate, kind?: K): RuleVersion<K> {
    const entry = this.entry(id);
    if (kind && entry.kind !== kind) {
      throw new InvalidInput('rule', `'${id}' is a ${entry.kind}, not a ${kind}`);
    }
    const version = this.versionOn(entry as RuleEntry<K>, on);
    if (!version) {
      throw new InvalidInput(
        'on',
        `no version of '${id}' (${entry.title}) covers ${formatDate(on)}`,
        coverage(entry),
      );
    }
    return version;
  }

  /** Entries of a kind with their version in force on a date (entries not in force are left out). */
  inForce<K extends KindName>(kind: K, on: IsoDate): { entry: RuleEntry<K>; version: RuleVersion<K> }[] {
    const out: { entry: RuleEntry<K>; version: RuleVersion<K> }[] = [];
    for (const entry of this.entries.values()) {
      if (entry.kind !== kind) continue;
      const version = this.versionOn(entry as RuleEntry<K>, on);
      if (version) out.push({ entry: entry as RuleEntry<K>, version });
    }
    return out;
  }

  /** A dated parameter's value on a date (RULEBOOK-FORMAT: kind `parameter`). */
  parameter(id: string, on: IsoDate): ParameterValue {
    const entry = this.entry(id);
    const v = this.require(id, on, 'parameter');
    return {
      id,
      title: entry.title,
      value: v.value,
      unit: v.unit,
      from: v.from,
      to: v.to,
      cite: this.resolve(v.cite),
      provenance: entry.provenance,
    };
  }

  /** Turns citations into text a commissioner recognises: title, publisher, date and place. */
  resolve(cites: readonly Citation[]): ResolvedCitation[] {
    return cites.map((c) => {
      const s = this.sources.get(c.source);
      if (!s) throw new InvalidInput('cite.source', `unknown source '${c.source}'`);
      // Legislation is cited as legislation.gov.uk names it; papers by publisher, title and date.
      const legislation = s.type === 'act' || s.type === 'regulations';
      const when = formatDate(s.date).replace(/^\d+ /, '');
      const ref = s.reference ? `, ${s.reference}` : '';
      const found = pageOf(s, c.at);
      const page = found?.page;
      const at = !found
        ? c.at
        : found.place.startsWith('Annex')
          ? `${c.at} (${found.place} begins on PDF page ${found.page})`
          : `${c.at} (PDF page ${found.page})`;
      return {
        ...c,
        text: legislation ? `${s.title}, ${at}` : `${s.publisher}, ${s.title}${ref}, ${when}, ${at}`,
        outside_seeds: s.outside_seeds,
        url: page !== undefined && s.pdf ? `${s.pdf}#page=${page}` : (s.pdf ?? s.url),
        ...(page === undefined ? {} : { page }),
      };
    });
  }
}

/**
 * Where a citation's first named place begins in the PDF, when the sources file knows it:
 * "paras 57 and 83" opens at para 57, "Annex A, row 3" at the start of Annex A.
 */
export function pageOf(s: Source, at: string): { place: string; page: number } | undefined {
  const para = /^para(?:graph)?s? (\d+(?:\.\d+)?)/.exec(at);
  const place = para ? `para ${para[1]}` : /^Annex [A-Z]\b/.exec(at)?.[0];
  const page = place === undefined ? undefined : s.pages?.[place];
  return place === undefined || page === undefined ? undefined : { place, page };
}

function coverage(entry: RuleEntry): string {
  const spans = entry.versions.map((v) => `${formatDate(v.from)} to ${v.to ? formatDate(v.to) : 'today'}`);
  return `Its versions cover ${spans.join('; ')}.`;
}

const cache = new Map<string, Rulebook>();

/**
 * Loads and validates the whole rulebook once per folder; every problem names its file and line.
 * The shipped rulebook is read from its compiled form when that was made from exactly these
 * files (see compiled-rulebook.ts), which spares a command the YAML parse and validation.
 */
export function loadRulebook(dir: string = defaultRulebookDir): Rulebook {
  const cached = cache.get(dir);
  if (cached) return cached;
  const rulebook =
    dir === defaultRulebookDir ? loadCompiled(dir, readRulebook, Rulebook.fromData) : readRulebook(dir);
  cache.set(dir, rulebook);
  return rulebook;
}

/** Reads and validates every YAML file of a rulebook folder. */
export function readRulebook(dir: string): Rulebook {
  const sourcesFile = readYamlFile(join(dir, 'sources.yaml'));
  const sources = new Map<string, Source>();
  validate(sourcesFile, z.array(Source), sourcesFile.value).forEach((s, i) => {
    if (sources.has(s.id)) throw problemAt(sourcesFile, [i, 'id'], `source id '${s.id}' is used twice`);
    sources.set(s.id, s);
  });

  const entries = new Map<string, RuleEntry>();
  for (const topic of topics) {
    for (const name of yamlFilesIn(join(dir, topic))) {
      const yaml = readYamlFile(join(dir, topic, name));
      const file = relative(dir, yaml.file);
      const list = validate(yaml, z.array(z.unknown()), yaml.value ?? []);
      list.forEach((raw, i) => {
        const entry = readEntry(yaml, raw, [i], topic, file, sources);
        if (entries.has(entry.id)) {
          throw problemAt(
            yaml,
            [i, 'id'],
            `rule id '${entry.id}' is already used in ${entries.get(entry.id)?.file}`,
          );
        }
        entries.set(entry.id, entry);
      });
    }
  }
  return new Rulebook(sources, entries);
}

function readEntry(
  yaml: YamlFile,
  raw: unknown,
  at: number[],
  topic: Topic,
  file: string,
  sources: Map<string, Source>,
): RuleEntry {
  const envelope = validate(yaml, EntryEnvelope, raw, at);
  if (!isKindName(envelope.kind)) {
    throw new FileProblem(yaml.file, [
      {
        path: formatPath([...at, 'kind']),
        line: yaml.lineOf([...at, 'kind']),
        message: `unknown kind '${envelope.kind}': must be one of ${Object.keys(kinds).join(', ')}`,
      },
    ]);
  }
  const versionSchema = z.strictObject({ ...versionBase, ...kinds[envelope.kind].shape });
  const versions = envelope.versions.map((v, j) => {
    const path = [...at, 'versions', j];
    const version = validate(yaml, versionSchema, v, path) as RuleVersion;
    version.cite.forEach((c, k) => {
      if (!sources.has(c.source)) {
        throw problemAt(
          yaml,
          [...path, 'cite', k, 'source'],
          `unknown source '${c.source}': add it to rulebook/sources.yaml or use one of ${[...sources.keys()].join(', ')}`,
        );
      }
    });
    return version;
  });
  checkPeriods(yaml, versions, at);
  return {
    id: envelope.id,
    title: envelope.title,
    kind: envelope.kind,
    topic,
    file,
    provenance: provenanceOf(yaml, envelope, at),
    outside_seeds: envelope.outside_seeds ?? false,
    ...(envelope.not_checked ? { not_checked: envelope.not_checked } : {}),
    versions,
  };
}

/** Exactly one of `verified` and `unverified`: every entry says how far it can be trusted. */
function provenanceOf(yaml: YamlFile, envelope: EntryEnvelope, at: number[]): Provenance {
  const { verified, unverified } = envelope;
  if (verified && unverified !== undefined) {
    throw problemAt(yaml, [...at, 'unverified'], 'give either verified or unverified, not both');
  }
  if (verified) return { verified };
  if (unverified !== undefined) return { unverified };
  throw problemAt(
    yaml,
    [...at, 'id'],
    'must say how it was verified: `verified: {against, on, by_role}` (what source was compared, the day, the role of the checker) or `unverified: <why not>`',
  );
}

/** Versions run forward in time and never overlap (ARCHITECTURE practice 3: never edit history). */
function checkPeriods(yaml: YamlFile, versions: RuleVersion[], at: number[]): void {
  versions.forEach((v, j) => {
    const path = [...at, 'versions', j];
    if (v.to !== undefined && v.to < v.from) {
      throw problemAt(yaml, [...path, 'to'], `ends (${v.to}) before it starts (${v.from})`);
    }
    const previous = versions[j - 1];
    if (previous && (previous.to === undefined || previous.to >= v.from)) {
      throw problemAt(
        yaml,
        [...path, 'from'],
        `overlaps the version before it: end that one the day before ${v.from}, and list versions in date order`,
      );
    }
  });
}

function problemAt(yaml: YamlFile, path: readonly PropertyKey[], message: string): FileProblem {
  return new FileProblem(yaml.file, [{ path: formatPath(path), line: yaml.lineOf(path), message }]);
}

function yamlFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.yaml') && n === n.toLowerCase())
      .sort();
  } catch {
    return [];
  }
}
