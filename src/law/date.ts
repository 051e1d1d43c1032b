import { z } from 'zod';
import { type IsoDate as Iso, isIsoDate } from '../core/dates.ts';

export { formatDate, isIsoDate, today } from '../core/dates.ts';

/** A calendar date written `YYYY-MM-DD` that exists (2023-02-29 is refused), for file and API schemas. */
export const IsoDate = z.string().refine(isIsoDate, {
  message: 'must be a real calendar date written YYYY-MM-DD, for example 2018-06-01',
});
export type IsoDate = Iso;
