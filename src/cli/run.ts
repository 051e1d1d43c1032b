import { InvalidInput } from '../core/errors.ts';

/** Exit codes shared by every command: 0 fine, 1 the answer is "no" (e.g. errors found), 2 bad input. */
export const exitCodes = { ok: 0, findings: 1, invalid: 2 } as const;

/**
 * Runs a command's action and turns bad input into exit code 2 with a message a person
 * can act on; anything else is a fault in Concordat and is shown in full.
 */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined> | number | undefined,
) {
  return async (...args: A): Promise<void> => {
    try {
      process.exitCode = (await fn(...args)) ?? exitCodes.ok;
    } catch (error) {
      if (error instanceof InvalidInput) {
        process.stderr.write(`${error.message}\n`);
        process.exitCode = exitCodes.invalid;
        return;
      }
      throw error;
    }
  };
}

export type Format = 'text' | 'json';

export function parseFormat(value: string, allowed: readonly string[] = ['text', 'json']): string {
  if (!allowed.includes(value)) {
    throw new InvalidInput('--format', `'${value}' is not a format`, `Use one of ${allowed.join(', ')}.`);
  }
  return value;
}
