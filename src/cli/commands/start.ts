import type { Command } from 'commander';
import { action } from '../run.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'Run Concordat: set up the database, NHS reference data and demo if needed, then serve on http://localhost:$PORT (8080).',
    )
    .action(action(async () => (await import('./start-server.ts')).start()));
}
