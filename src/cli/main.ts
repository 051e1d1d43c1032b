import { Command } from 'commander';
import { registerPlatform } from './commands/platform.ts';
import { registerRulebook } from './commands/rulebook.ts';

const program = new Command()
  .name('concordat')
  .description('Integrated health and care commissioning for England.');

program
  .command('start')
  .description("Run Concordat's main job on its embedded defaults.")
  .action(() => {
    program.outputHelp();
  });

// Each capability registers its commands from src/cli/commands/.
registerRulebook(program);
registerPlatform(program);

await program.parseAsync(process.argv);
