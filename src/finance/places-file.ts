import { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import { parsePounds } from '../core/money.ts';
import { readYamlFile, validate } from '../law/yaml-file.ts';
import { parsePercent } from '../money/rate.ts';
import { type AllocationBasis, basisNames } from '../system/weighted-populations.ts';
import type { AllocationInput } from './allocation.ts';

export const Pounds = z.string().min(1).describe('An amount in pounds, for example "£12,345,678.00".');
const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes');

/** A places file for `concordat allocate`: the places (sets of practices) and the single pot. */
export const PlacesFile = z.strictObject({
  description: z.string().optional(),
  icb: z.string().min(1).optional().describe('The ICB code in the weighted-populations file, e.g. QUA.'),
  places: z
    .array(
      z.strictObject({
        id: Id,
        name: z.string().min(1),
        local_authorities: z
          .array(z.string().regex(/^E0\d{7}$/, 'must be an ONS local authority code'))
          .optional(),
        practices: z.array(z.string().regex(/^[A-Z]\d{5}$/, 'must be a GP practice ODS code')).optional(),
        note: z.string().optional(),
      }),
    )
    .min(1),
  pot: z
    .array(
      z.strictObject({
        id: Id,
        name: z.string().min(1),
        amount: Pounds,
        basis: z.enum(basisNames as [AllocationBasis, ...AllocationBasis[]]),
        ring_fences: z
          .array(z.strictObject({ place: Id, amount: Pounds, reason: z.string().optional() }))
          .default([]),
        floors: z
          .array(z.strictObject({ place: Id, minimum: Pounds, reason: z.string().optional() }))
          .default([]),
      }),
    )
    .min(1),
  current: z.array(z.strictObject({ place: Id, amount: Pounds })).optional(),
  pace: z
    .string()
    .regex(/^\d+(\.\d+)?%$/, 'must be a percentage')
    .optional(),
});

export type PlacesFile = z.infer<typeof PlacesFile>;

/** Reads a places file into allocation input; every amount exact, every problem named. */
export function readPlacesFile(file: string, icb: string, year: string): AllocationInput {
  const yaml = readYamlFile(file);
  const f = validate(yaml, PlacesFile, yaml.value);
  if (f.icb && f.icb !== icb) throw new InvalidInput('--icb', `is ${icb} but ${file} is for ${f.icb}`);
  return placesInput(f, icb, year);
}

/** Validated places (from a file or an API request) into allocation input, in exact pence. */
export function placesInput(f: PlacesFile, icb: string, year: string): AllocationInput {
  if ((f.current === undefined) !== (f.pace === undefined)) {
    throw new InvalidInput(
      f.pace ? 'current' : 'pace',
      'is missing',
      'Pace of change needs both current allocations and a pace.',
    );
  }
  return {
    icb,
    year,
    places: f.places,
    pot: f.pot.map((c, i) => ({
      id: c.id,
      name: c.name,
      basis: c.basis,
      amount: parsePounds(c.amount, `pot[${i}].amount`),
      ring_fences: c.ring_fences.map((r, j) => ({
        ...r,
        amount: parsePounds(r.amount, `pot[${i}].ring_fences[${j}].amount`),
      })),
      floors: c.floors.map((r, j) => ({
        ...r,
        minimum: parsePounds(r.minimum, `pot[${i}].floors[${j}].minimum`),
      })),
    })),
    current: f.current?.map((c, i) => ({
      place: c.place,
      amount: parsePounds(c.amount, `current[${i}].amount`),
    })),
    pace: f.pace ? parsePercent(f.pace, 'pace') : undefined,
  };
}
