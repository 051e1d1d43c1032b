import { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import { readYamlFile, validate } from '../law/yaml-file.ts';
import { ContractEvent } from './events.ts';
import { checkParticulars, Particulars } from './particulars.ts';

/** A contract file: its particulars and the dated events of its life, oldest first. */
export const ContractFile = z.strictObject({
  particulars: Particulars,
  events: z.array(ContractEvent).default([]),
});
export type ContractFile = z.infer<typeof ContractFile>;
export type ContractFileInput = z.input<typeof ContractFile>;

/** Reads and checks a contract file; every problem names its line. */
export function readContractFile(file: string, text?: string): ContractFile {
  const yaml = readYamlFile(file, text);
  const parsed = validate(yaml, ContractFile, yaml.value);
  checkContractFile(parsed);
  return parsed;
}

/** Checks what the schema cannot: cross-references in the particulars and events in date order. */
export function checkContractFile(contract: ContractFile): void {
  checkParticulars(contract.particulars);
  contract.events.forEach((e, i) => {
    const previous = contract.events[i - 1];
    if (previous && e.on < previous.on) {
      throw new InvalidInput(
        `events[${i}].on`,
        `${e.on} comes before the event above it (${previous.on})`,
        'List events oldest first.',
      );
    }
  });
}
