import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInput } from '../../core/errors.ts';
import { type SynthOptions, type SynthResult, synthesise } from '../synth.ts';
import { recordIds } from '../synthetic-ids.ts';
import { loadCodeList } from './code-list.ts';
import { writeFhir } from './fhir-write.ts';
import type { InputFormat } from './input-formats.ts';
import { writeOmop } from './omop-write.ts';
import { writeSus } from './sus-write.ts';

export type ForeignFormat = Exclude<InputFormat, 'native'>;

/** What `concordat synth --format` writes: native as Parquet (`native`, `parquet`) or CSV, or another format. */
export const synthFormats = ['native', 'parquet', 'csv', 'omop', 'fhir', 'sus'] as const;
export type SynthFormat = (typeof synthFormats)[number];

/**
 * Writes a native data set (CSV, in `native`) as OMOP, FHIR or SUS-style files in `out`, with
 * its manifest.json (naming the format, so `analyse` finds it) and README.txt. Open
 * registrations end on `observedUntil` where a format needs an end (OMOP). Record ids are
 * numbered in the ICB's own ranges (synthetic-ids.ts) so ICBs can be put together.
 */
export async function writeForeign(
  format: ForeignFormat,
  native: string,
  out: string,
  observedUntil: string,
): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const codeList = await loadCodeList();
  const manifest = join(native, 'manifest.json');
  const stated = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : {};
  const ids = recordIds(stated);
  const files =
    format === 'omop'
      ? await writeOmop(native, out, codeList, observedUntil, ids)
      : format === 'fhir'
        ? await writeFhir(native, out, codeList, ids)
        : await writeSus(native, out, codeList);
  writeFileSync(
    join(out, 'manifest.json'),
    `${JSON.stringify({ ...stated, format, codeList: codeList.summary.version }, null, 2)}\n`,
  );
  if (existsSync(join(native, 'README.txt')))
    copyFileSync(join(native, 'README.txt'), join(out, 'README.txt'));
  return files;
}

export function checkSynthFormat(format: string): SynthFormat {
  if (!(synthFormats as readonly string[]).includes(format)) {
    throw new InvalidInput('--format', `'${format}' is not a format`, `Use ${synthFormats.join(', ')}.`);
  }
  return format as SynthFormat;
}

/** `concordat synth` in any format: the native files are generated first, then converted. */
export async function synthesiseIn(
  format: SynthFormat,
  options: Omit<SynthOptions, 'format'>,
): Promise<SynthResult> {
  checkSynthFormat(format);
  if (format === 'native' || format === 'parquet' || format === 'csv') {
    return synthesise({ ...options, format: format === 'csv' ? 'csv' : 'parquet' });
  }
  const native = mkdtempSync(join(tmpdir(), 'concordat-synth-'));
  try {
    const result = await synthesise({ ...options, out: native, format: 'csv' });
    const files = await writeForeign(format, native, options.out, result.manifest.extractDate ?? '');
    return { ...result, files };
  } finally {
    rmSync(native, { recursive: true, force: true });
  }
}
