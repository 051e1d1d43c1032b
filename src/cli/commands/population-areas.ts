import { InvalidInput } from '../../core/errors.ts';
import {
  type Area,
  defaultGrouping,
  type PlaceGrouping,
  parseAreaRequest,
  requestedAreas,
  requireDirectory,
} from '../../population/areas.ts';
import { readGroupingFile } from '../../population/grouping-file.ts';

/** What `concordat analyse` is asked to analyse: areas of an ICB, or practices given by hand. */
export interface ChosenAreas {
  /** The areas, in the order asked; none when the practices were given by hand. */
  areas: Area[];
  /** Every practice analysed: the ICB's, or those given by hand. */
  practices: string[];
  /** The places `--area place` chooses from; null when the practices were given by hand. */
  grouping: PlaceGrouping | null;
}

export function chooseAreas(
  opts: { area: readonly string[]; grouping?: string | undefined; practices?: string | undefined },
  icb: string | undefined,
): ChosenAreas {
  if (opts.practices !== undefined) {
    if (opts.area.length || opts.grouping)
      throw new InvalidInput(
        '--practices',
        'cannot be given with --area or --grouping',
        'Choose the practices by --area, or leave --area and --grouping out to name them by hand.',
      );
    const practices = opts.practices
      .split(',')
      .map((p) => p.trim().toUpperCase())
      .filter(Boolean);
    if (!practices.length)
      throw new InvalidInput('--practices', 'names no practices', 'Give them as --practices A81001,A81002.');
    return { areas: [], practices, grouping: null };
  }
  if (!icb)
    throw new InvalidInput(
      '--icb',
      'is needed: the data set does not say which ICB it is for',
      'Give --icb CODE, or --practices A81001,A81002.',
    );
  const directory = requireDirectory(icb, '--icb');
  const grouping = opts.grouping ? readGroupingFile(opts.grouping, directory) : defaultGrouping(directory);
  const requests = (opts.area.length ? opts.area : ['icb']).map((a) => parseAreaRequest(a));
  return {
    areas: requestedAreas(directory, grouping, requests),
    practices: directory.practices.map((p) => p.code),
    grouping,
  };
}
