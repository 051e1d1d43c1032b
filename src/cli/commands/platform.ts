import { appendFileSync } from 'node:fs';
import type { Command } from 'commander';
import { action, exitCodes } from '../run.ts';

export function registerPlatform(program: Command): void {
  const imports = program.command('import').description('Load reference data into the database.');
  imports
    .command('nhs-reference')
    .description(
      'Import the NHS system registry: practices, PCNs, sub-ICB locations/CCGs, ICBs, regions and trusts, with their history.',
    )
    .argument('[dir]', "folder with the gzipped reference files; default Concordat's own data/nhs")
    .action(
      action(async (dir: string | undefined) => {
        const { withStore, importNhsReference } = await import('./store-session.ts');
        return withStore((store) => importNhsReference(store, dir).then(() => exitCodes.ok));
      }),
    );

  const audit = program.command('audit').description('The audit log of every change.');
  audit
    .command('verify')
    .description(
      'Recompute the audit log hash chain and report any record that was edited, removed or reordered.',
    )
    .option(
      '--checkpoints <file>',
      'signed checkpoints kept outside (one JSON object a line); default those in the database',
    )
    .option('--public-key <file>', 'the Ed25519 public key (PEM); default the one beside the signing key')
    .action(
      action(async (opts: { checkpoints?: string; publicKey?: string }) => {
        const { withStore, auditReport, verifyOptions } = await import('./store-session.ts');
        return withStore(async (store) => {
          const { code, text } = await auditReport(store, verifyOptions(opts));
          process.stdout.write(text);
          return code;
        });
      }),
    );
  audit
    .command('checkpoint')
    .description(
      'Sign the audit chain head now with the Ed25519 key (kept outside the database) and store the checkpoint; print it, or append it to a file you keep elsewhere.',
    )
    .option('--out <file>', 'append the checkpoint to this file (one JSON object a line)')
    .action(
      action(async (opts: { out?: string }) => {
        const [{ withStore, requireSigningKey }, { makeCheckpoint }] = await Promise.all([
          import('./store-session.ts'),
          import('../../store/audit-checkpoints.ts'),
        ]);
        return withStore(async (store) => {
          const checkpoint = await makeCheckpoint(store.db, requireSigningKey());
          if (!checkpoint) {
            process.stdout.write('Nothing new to sign: the last checkpoint covers every record.\n');
            return exitCodes.ok;
          }
          const line = `${JSON.stringify(checkpoint)}\n`;
          if (opts.out) appendFileSync(opts.out, line);
          process.stdout.write(
            opts.out
              ? `Signed records up to ${checkpoint.seq} (head ${checkpoint.hash}); appended to ${opts.out}.\n`
              : line,
          );
          return exitCodes.ok;
        });
      }),
    );
}
