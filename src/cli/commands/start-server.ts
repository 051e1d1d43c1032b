import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp } from '../../api/app.ts';
import { registerWebApp } from '../../api/web-app.ts';
import { InvalidInput } from '../../core/errors.ts';
import { oglAttribution } from '../../core/open-government-licence.ts';
import { createSigningKey, loadSigningKey, publicKeyFile } from '../../store/audit-checkpoints.ts';
import { openStore, optionsFromEnv } from '../../store/db.ts';
import { type DemoAccount, demoSeeded, seedDemo, seedDemoContract } from '../../store/demo.ts';
import { seedDemoOperatingModel } from '../../store/demo-operating-model.ts';
import { dataset } from '../../store/reference/import.ts';
import { digestOf } from '../../system/nhs-registry.ts';
import { importNhsReference, signingKeyFile } from './store-session.ts';

function port(env: NodeJS.ProcessEnv): number {
  const text = env.PORT ?? '8080';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidInput(
      'PORT',
      `'${text}' is not a port number`,
      'Use a whole number from 1 to 65535, for example 8080.',
    );
  return n;
}

/**
 * Concordat's main job: make the database if there is none, bring it up to date, import
 * the NHS reference data and the demo the first time, then serve the API. A second run
 * finds everything in place and starts in seconds.
 */
export async function start(): Promise<number> {
  const env = process.env;
  const listenOn = port(env);
  const dataDir = resolve(env.CONCORDAT_DATA_DIR || '.concordat');
  const fresh = !env.DATABASE_URL && !existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
  if (fresh)
    process.stdout.write(`Creating the embedded database in ${dataDir} (first run, takes a little while)…\n`);
  mkdirSync(dataDir, { recursive: true });
  const store = await openStore(optionsFromEnv(env));

  const imported = await store.db
    .selectFrom('reference_imports')
    .select('digest')
    .where('dataset', '=', dataset)
    .executeTakeFirst();
  if (imported?.digest !== digestOf()) await importNhsReference(store);

  const signIns = join(dataDir, 'demo-sign-ins.json');
  if (!(await demoSeeded(store.db))) {
    process.stdout.write(
      'Setting up the demo: NHS Black Country ICB, its places and the Dudley arrangement…\n',
    );
    const accounts = await seedDemo(store.db);
    writeFileSync(signIns, JSON.stringify(accounts, null, 2), { mode: 0o600 });
    chmodSync(signIns, 0o600);
  } else if (await seedDemoContract(store.db)) {
    process.stdout.write('Stored the demo Dudley ICP Contract.\n');
  }
  if (await seedDemoOperatingModel(store.db))
    process.stdout.write('Stored the demo NHS Black Country ICB operating model.\n');

  const keyFile = signingKeyFile(env);
  let auditKey = loadSigningKey(env, keyFile);
  if (!auditKey) {
    auditKey = createSigningKey(keyFile);
    process.stdout.write(
      `Made an audit signing key for the demo: ${keyFile} (keep it secret; in a real deployment keep it off this machine's database disk). Its public key, for auditors: ${publicKeyFile(keyFile)}\n`,
    );
  }
  const app = await buildApp({ store, log: { level: env.CONCORDAT_LOG_LEVEL || 'info' }, auditKey });
  app.addHook('onClose', () => store.close());
  const web = await registerWebApp(app);
  const url = `http://localhost:${listenOn}`;
  try {
    await app.listen({ port: listenOn, host: 'localhost' });
  } catch (error) {
    await app.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new InvalidInput(
        'PORT',
        `${listenOn} is already in use`,
        'Stop the program using it, or choose another port: PORT=8081 npm start.',
      );
    }
    throw error;
  }

  const lines = [
    '',
    `Concordat is running at ${url}${web ? '' : ' (API only: build the web app with `npm start`)'}`,
    `  API described at ${url}/openapi.json; health at ${url}/api/health`,
    `  Database: ${store.engine === 'pglite' ? `embedded PGlite in ${store.location}` : `PostgreSQL at ${store.location}`}`,
  ];
  if (existsSync(signIns)) {
    const accounts = JSON.parse(readFileSync(signIns, 'utf8')) as DemoAccount[];
    lines.push('', `Demo sign-ins (POST ${url}/api/auth/login; kept in ${signIns}):`);
    for (const a of accounts)
      lines.push(`  ${a.role.padEnd(15)} ${a.email.padEnd(30)} ${a.password}   ${a.what}`);
  }
  if (store.engine === 'pglite') {
    lines.push(
      '',
      'The embedded database is for one person, demos and tests: it does not flush every commit to disk.',
      'Set DATABASE_URL to a PostgreSQL server for real contracts and payments.',
    );
  }
  lines.push('', oglAttribution, 'Press Ctrl+C to stop.', '');
  process.stdout.write(lines.join('\n'));

  await new Promise<void>((done) => {
    const stop = () => {
      void app.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
