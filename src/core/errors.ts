/**
 * Bad input from a user or a file. Names the field (a path such as
 * `funding_streams[2].annual_value`), what is wrong, and how to put it right.
 * Domain code throws it; the CLI and API turn it into exit code 2 or a 400 problem.
 */
export class InvalidInput extends Error {
  readonly field: string;
  readonly problem: string;
  readonly hint: string | undefined;

  constructor(field: string, problem: string, hint?: string) {
    super(hint ? `${field}: ${problem}. ${hint}` : `${field}: ${problem}`);
    this.name = 'InvalidInput';
    this.field = field;
    this.problem = problem;
    this.hint = hint;
  }
}
