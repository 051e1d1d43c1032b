import { basename } from 'node:path';
import { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import { resolvePlaces } from '../finance/allocation.ts';
import { readYamlFile, validate } from '../law/yaml-file.ts';
import type { IcbDirectory } from '../system/icb-directory.ts';
import { loadWeightedPopulations } from '../system/weighted-populations.ts';
import type { PlaceGrouping } from './areas.ts';

const placeCode = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A place grouping for `concordat analyse --grouping`: a places file of `concordat allocate`
 * (places with an id, a name and local authorities or practices) or a grouping saved on the
 * Place allocation page as the API returns it (a name, and places with a name and practices).
 * Anything else in the file (the pot, versions) is not read.
 */
const GroupingFile = z.object({
  name: z.string().trim().min(1).optional(),
  description: z.string().trim().min(1).optional(),
  icb: z.string().optional(),
  places: z
    .array(
      z.object({
        id: z.string().regex(placeCode, 'must be lowercase words joined by dashes').optional(),
        name: z.string().trim().min(1, 'must not be empty: give the place a name'),
        practices: z.array(z.string().regex(/^[A-Z]\d{5}$/, 'must be a GP practice ODS code')).optional(),
        local_authorities: z
          .array(z.string().regex(/^E0\d{7}$/, 'must be an ONS local authority code'))
          .optional(),
      }),
    )
    .min(1, 'must have at least one place'),
});

/** A place's code from its name when the file gives none: "Dudley North" → dudley-north. */
const codeOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Reads a grouping file for an ICB: every practice of the ICB today in exactly one place, as
 * place allocation requires (finance/allocation.ts), so the places add up to the ICB. A
 * grouping saved for the 2025/26 weighted populations may also list practices that have
 * closed since; they are left out, as they have no patients to analyse.
 */
export function readGroupingFile(file: string, directory: IcbDirectory): PlaceGrouping {
  const { icb } = directory;
  const today = new Set(directory.practices.map((p) => p.code));
  const all = loadWeightedPopulations('2025/26');
  const closed = new Set(all.filter((p) => p.icb === icb && !today.has(p.practice)).map((p) => p.practice));
  const weights = all.filter((p) => !closed.has(p.practice));
  const yaml = readYamlFile(file);
  const f = validate(yaml, GroupingFile, yaml.value);
  if (f.icb && f.icb !== icb) throw new InvalidInput('--grouping', `${file} is for ${f.icb}, not ${icb}`);
  const places = f.places.map((p, i) => {
    const code = p.id ?? codeOf(p.name);
    if (!code)
      throw new InvalidInput(`--grouping ${file} places[${i}].name`, `'${p.name}' has no letters or digits`);
    return { ...p, id: code, practices: p.practices?.filter((c) => !closed.has(c)) };
  });
  let resolved: ReturnType<typeof resolvePlaces>;
  try {
    resolved = resolvePlaces(icb, places, weights);
  } catch (e) {
    if (e instanceof InvalidInput && e.field.startsWith('places'))
      throw new InvalidInput(`--grouping ${file} ${e.field}`, e.problem, e.hint);
    throw e;
  }
  return {
    name: f.name ?? f.description ?? basename(file),
    places: places.map((p) => ({
      code: p.id,
      name: p.name,
      practices: (resolved.get(p.id) ?? []).map((w) => w.practice).sort(),
    })),
  };
}
