import { Command } from 'commander';
import { registerPlatform } from './commands/platform.ts';
import { registerRulebook } from './commands/rulebook.ts';
import { registerStart } from './commands/start.ts';

const program = new Command()
  .name('concordat')
  .description('Integrated health and care commissioning for England.');

registerStart(program);

// Each capability registers its commands from src/cli/commands/.
registerRulebook(program);
registerPlatform(program);

await program.parseAsync(process.argv);
