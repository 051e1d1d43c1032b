import { InvalidInput } from '../core/errors.ts';
import { textProblem } from '../core/well-formed-text.ts';

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

/**
 * The text rule (src/well-formed-text.ts) for the command line: the first argument holding a
 * control character (tab and newline aside) or broken Unicode, named as the person typed it
 * (`--reason`, or the argument's position), or undefined when all are well formed. (The
 * operating system cannot pass NUL; other control characters and broken UTF-16 it can.)
 */
export function illFormedArgument(args: readonly string[]): InvalidInput | undefined {
  for (const [i, arg] of args.entries()) {
    const problem = textProblem(arg, { allowLineBreaks: true });
    if (!problem) continue;
    const previous = args[i - 1];
    const name = arg.startsWith('-')
      ? `option ${shown(arg.split('=')[0] ?? arg)}`
      : `argument ${i + 1}${previous?.startsWith('-') ? ` (after ${shown(previous)})` : ''}`;
    return new InvalidInput(name, problem);
  }
  return undefined;
}

/** Text as it can be printed: control characters and broken UTF-16 as JSON escapes. */
const shown = (text: string) => JSON.stringify(text).slice(1, -1);
