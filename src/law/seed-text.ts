/**
 * The text of a seed paper (rulebook/sources.yaml `seed`), split into the places citations
 * name: numbered paragraphs with their bullets and lettered items, footnotes, and the rows,
 * configurations, notes and endnotes of its annexes. Used by the comparison in seed-check.ts.
 */

/** A seed paper's text, split into the places citations name. */
export interface SeedText {
  /** Numbered paragraphs ("57", "2.31") with their text, up to the next paragraph or annex. */
  paragraphs: Map<string, string>;
  /** Annexes by letter, each with its text. */
  annexes: Map<string, string>;
  /** Lines that start with a number but are not paragraphs: the footnotes, as the seed prints them. */
  numberedLines: string[];
}

const annexHeading = /^ANNEX ([A-Z])\s*$/;
/** How each seed numbers its paragraphs: "2.31. ", "- 7** " or "57<tab>". */
const paragraphStyles: { start: RegExp; sequential: boolean }[] = [
  { start: /^\s?(\d+\.\d+)\.\s/, sequential: false },
  { start: /^- (\d+)(?:\*\*)?\s/, sequential: true },
  { start: /^\s?(\d+)[\t ]+\S/, sequential: true },
];

/** Splits a seed's text into paragraphs and annexes, with the numbering style that finds most paragraphs. */
export function readSeedText(text: string): SeedText {
  const lines = text.split(/\r?\n/);
  const annexAt = lines.findIndex((l) => annexHeading.test(l));
  const body = annexAt < 0 ? lines : lines.slice(0, annexAt);
  const best = paragraphStyles
    .map((style) => paragraphStarts(body, style))
    .reduce((a, b) => (b.length > a.length ? b : a));
  const paragraphs = new Map<string, string>();
  best.forEach(({ number, line }, i) => {
    const end = best[i + 1]?.line ?? body.length;
    paragraphs.set(number, body.slice(line, end).join('\n'));
  });
  const starts = new Set(best.map((p) => p.line));
  const numberedLines = body.filter((l, i) => !starts.has(i) && /^\s?\d+[\t ]+\S/.test(l));
  const annexes = new Map<string, string>();
  let letter: string | undefined;
  let current: string[] = [];
  for (const line of annexAt < 0 ? [] : lines.slice(annexAt)) {
    const heading = annexHeading.exec(line);
    if (heading?.[1]) {
      if (letter) annexes.set(letter, current.join('\n'));
      letter = heading[1];
      current = [];
    } else current.push(line);
  }
  if (letter) annexes.set(letter, current.join('\n'));
  return { paragraphs, annexes, numberedLines };
}

function paragraphStarts(lines: string[], style: { start: RegExp; sequential: boolean }) {
  const out: { number: string; line: number }[] = [];
  lines.forEach((line, i) => {
    const number = style.start.exec(line)?.[1];
    if (number === undefined) return;
    // Footnotes are numbered too: a paragraph is the next number in sequence.
    if (style.sequential && Number(number) !== out.length + 1) return;
    if (!style.sequential && out.some((p) => p.number === number)) return;
    out.push({ number, line: i });
  });
  return out;
}

/** One place a citation names, found or not, with the text a figure may be looked for in. */
export interface PlaceResult {
  place: string;
  text?: string;
  problem?: string;
}

/** Finds every place a citation's `at` names ("paras 57 and 83 (third bullet)", "Annex B, note 3"). */
export function findPlaces(seed: SeedText, at: string): PlaceResult[] {
  const out: PlaceResult[] = [];
  let annex: string | undefined;
  // A semicolon inside brackets ("configuration D (acute care; invasive ...)") does not end a part.
  for (const part of at.split(/;(?![^(]*\))/).map((p) => p.trim())) {
    annex = /\bAnnex ([A-Z])\b/.exec(part)?.[1] ?? annex;
    if (/\b(para(graph)?s?|footnotes?)\b/.test(part) && !/^Annex/.test(part))
      out.push(...paragraphPlaces(seed, part));
    else if (annex) out.push(...annexPlaces(seed, annex, part));
    else out.push({ place: part, problem: 'names no paragraph or annex this comparison can find' });
  }
  return out;
}

const ordinals = 'first second third fourth fifth sixth seventh eighth ninth tenth'.split(' ');

/** The highest ordinal a qualifier names: "first to third bullets" → 3. */
function highestOrdinal(words: string): number {
  return Math.max(0, ...ordinals.map((w, i) => (new RegExp(`\\b${w}\\b`).test(words) ? i + 1 : 0)));
}

function paragraphPlaces(seed: SeedText, part: string): PlaceResult[] {
  const out: PlaceResult[] = [];
  let rest = part;
  for (const m of part.matchAll(/footnotes? (\d+)(?:\s*-\s*(\d+))?/g)) {
    for (const n of range(m[1] ?? '', m[2])) {
      const found = seed.numberedLines.find((l) => new RegExp(`^\\s?${n}[\\t ]`).test(l));
      out.push(
        found ? { place: `footnote ${n}`, text: found } : { place: `footnote ${n}`, problem: 'not found' },
      );
    }
    rest = rest.replace(m[0], '');
  }
  const bullets = new Map<string, number>();
  for (const m of rest.matchAll(/(\d+(?:\.\d+)?)(?:\([a-z]+\))*\s*\(([^)]*bullets?)\)/g)) {
    if (m[1]) bullets.set(m[1], highestOrdinal(m[2] ?? ''));
  }
  const labels = new Map<string, string[]>();
  for (const m of rest.matchAll(/(\d+)((?:\([a-z]+\))(?:\s*(?:-|and)\s*\([a-z]+\))*)/g)) {
    if (m[1])
      labels.set(
        m[1],
        [...(m[2] ?? '').matchAll(/\(([a-z]+)\)/g)].map((l) => l[1] ?? ''),
      );
  }
  const numbers = rest.replace(/\([^)]*\)/g, '');
  for (const m of numbers.matchAll(/(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?/g)) {
    for (const n of range(m[1] ?? '', m[2])) {
      const place = `para ${n}`;
      const text = seed.paragraphs.get(n);
      if (text === undefined) {
        out.push({ place, problem: 'not found' });
        continue;
      }
      const wanted = bullets.get(n) ?? 0;
      const count = text.split('\n').filter((l) => /^\s*•/.test(l)).length;
      if (count < wanted) {
        out.push({ place, problem: `has ${count} bullets, not the ${ordinals[wanted - 1]} cited` });
        continue;
      }
      // Items print as "(a)", "a)" or, at the start of a line, "a.".
      const missing = (labels.get(n) ?? []).filter(
        (l) => !new RegExp(`(^|[\\s(])${l}\\)|^\\s*${l}\\.\\s`, 'm').test(text),
      );
      out.push(
        missing.length
          ? { place, problem: `has no item ${missing.map((l) => `(${l})`).join(', ')}` }
          : { place, text },
      );
    }
  }
  return out;
}

/** "57" → [57]; "65", "67" → 65 to 67; "2.40", "2.42" → 2.40 to 2.42. */
function range(from: string, to: string | undefined): string[] {
  if (to === undefined) return [from];
  const [major, a] = from.includes('.') ? from.split('.') : ['', from];
  const b = to.includes('.') ? to.split('.')[1] : to;
  const out: string[] = [];
  for (let k = Number(a); k <= Number(b); k++) out.push(major ? `${major}.${k}` : String(k));
  return out;
}

function annexPlaces(seed: SeedText, letter: string, part: string): PlaceResult[] {
  const annex = seed.annexes.get(letter);
  const label = `Annex ${letter}`;
  if (annex === undefined) return [{ place: label, problem: 'not found' }];
  const out: PlaceResult[] = [];
  const title = /\brow (?:\d+: (.+)|'(.+)')$/.exec(part);
  if (title) {
    // Bracketed glosses in a row's name (the seed's or the citation's) are left out of the match.
    const name = withoutBrackets(title[1] ?? title[2] ?? '').trim();
    out.push(
      lettersOf(withoutBrackets(annex)).includes(lettersOf(name))
        ? { place: `${label}, row “${name}”`, text: annex }
        : { place: `${label}, row “${name}”`, problem: 'no row of that name' },
    );
  }
  if (/\bintroduction\b/.test(part)) out.push({ place: `${label}, introduction`, text: annex });
  for (const m of part.matchAll(/\bconfigurations? ([A-F](?:(?:, | and | to )[A-F])*)/g)) {
    for (const c of letters(m[1] ?? '')) {
      const found = new RegExp(`^${c}: `, 'm').test(annex);
      out.push(
        found
          ? { place: `${label}, configuration ${c}`, text: annex }
          : { place: `${label}, configuration ${c}`, problem: 'not found' },
      );
    }
  }
  for (const m of part.matchAll(/\brow ([A-F]), columns? (\d(?:(?: and | to )\d)?)/g)) {
    const row = new RegExp(`^${m[1]}: .*$`, 'm').exec(annex)?.[0];
    for (const column of letters(m[2] ?? '')) {
      const place = `${label}, row ${m[1]}, column ${column}`;
      const cell = row?.split('\t')[Number(column)];
      out.push(cell?.trim() ? { place, text: cell } : { place, problem: 'not found' });
    }
  }
  const notes = /\bnotes? (\d(?:(?:, | and )\d)*)(?:, (\w+) item)?/.exec(part);
  for (const n of letters(notes?.[1] ?? '')) {
    out.push(
      item(
        annex,
        `${label}, note ${n}`,
        new RegExp(`^Note ${n} [–-]`, 'm'),
        /^Note \d/m,
        /^\s*•/,
        notes?.[2],
      ),
    );
  }
  const endnote = /\bendnote \(([ivx]+)\)(?:, (\w+) item)?/.exec(part);
  if (endnote?.[1]) {
    const start = new RegExp(`^\\(${endnote[1]}\\) `, 'm');
    out.push(item(annex, `${label}, endnote (${endnote[1]})`, start, /^\([ivx]+\) /m, /^- /, endnote[2]));
  }
  return out.length ? out : [{ place: part, problem: 'names nothing this comparison can find in the annex' }];
}

/** A note or endnote of an annex, and, if an item is cited, that it has that many items. */
function item(
  annex: string,
  place: string,
  start: RegExp,
  next: RegExp,
  bullet: RegExp,
  ordinal?: string,
): PlaceResult {
  const at = start.exec(annex);
  if (!at) return { place, problem: 'not found' };
  const after = annex.slice(at.index + at[0].length);
  const end = next.exec(after)?.index ?? after.length;
  const text = annex.slice(at.index, at.index + at[0].length + end);
  const wanted = ordinal ? highestOrdinal(ordinal) : 0;
  const count = text.split('\n').filter((l) => bullet.test(l)).length;
  return count < wanted
    ? { place, problem: `has ${count} items, not the ${ordinal} cited` }
    : { place, text };
}

/** "A, B and D to F" → A, B, D, E, F; "3 and 4" → 3, 4; "1, 3, 5" → 1, 3, 5. */
function letters(list: string): string[] {
  return list
    .split(/, | and /)
    .flatMap((x) => {
      const [a, b] = x.split(' to ');
      if (!a || !b) return [x];
      const out: string[] = [];
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push(String.fromCharCode(c));
      return out;
    })
    .filter(Boolean);
}

function withoutBrackets(text: string): string {
  return text.replace(/\s*\([^)]*\)/g, '');
}

/** Text reduced to its letters and digits, so a title matches across line breaks and hyphens. */
function lettersOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
