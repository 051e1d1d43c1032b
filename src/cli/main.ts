import { Command } from 'commander';
import { z } from 'zod';
import { registerContract } from './commands/contract.ts';
import { registerIcs } from './commands/ics.ts';
import { registerMatrix } from './commands/matrix.ts';
import { registerMoney } from './commands/money.ts';
import { registerPaper } from './commands/paper.ts';
import { registerPlatform } from './commands/platform.ts';
import { registerPooling } from './commands/pooling.ts';
import { registerPopulation } from './commands/population.ts';
import { registerRegistry } from './commands/registry.ts';
import { registerRulebook } from './commands/rulebook.ts';
import { registerStart } from './commands/start.ts';
import { exitCodes, illFormedArgument } from './run.ts';

// A command validates a file or two and exits: compiling each schema into a fast parser (zod's
// JIT) costs more than it saves. The long-running server keeps it.
if (process.argv[2] !== 'start') z.config({ jitless: true });

const program = new Command()
  .name('concordat')
  .description('Integrated health and care commissioning for England.');

registerStart(program);

// Each capability registers its commands from src/cli/commands/.
registerRulebook(program);
registerMatrix(program);
registerPooling(program);
registerMoney(program);
registerPopulation(program);
registerPlatform(program);
registerRegistry(program);
registerContract(program);
registerPaper(program);
registerIcs(program);

// Arguments meet the same text rule as every other input, before any command sees them.
const illFormed = illFormedArgument(process.argv.slice(2));
if (illFormed) {
  process.stderr.write(`${illFormed.message}\n`);
  process.exitCode = exitCodes.invalid;
} else {
  await program.parseAsync(process.argv);
}
