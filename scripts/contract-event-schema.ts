import { z } from 'zod';
import { ContractEvent } from '../src/contracts/events.ts';

/** Where the published JSON Schema of contract events lives; the web app builds its event forms from it. */
export const contractEventSchemaFile = 'docs/contract-event.schema.json';

/**
 * The JSON Schema of one contract event as written (money and dates as text), generated from
 * the zod schema the server checks events with, so the web app's forms cannot drift from it.
 */
export function contractEventJsonSchema(): string {
  const schema = z.toJSONSchema(ContractEvent, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Concordat contract event' }, null, 2)}\n`;
}
