// The HTTP API under load on loopback: a registry read and an arrangement check, on the
// embedded database (PGlite) and on a PostgreSQL server, side by side. Target from the
// platform brief: reads ≥ 5,000 requests/s with p99 < 20 ms on PostgreSQL.
// CONCORDAT_BENCH_SECONDS (default 5; the brief's figure is 30) sets each run's length;
// CONCORDAT_BENCH_DATABASE_URL (default the local `test` database, `none` to skip) the server.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp } from '../src/api/app.ts';
import { createArrangement } from '../src/store/arrangements.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { demoArrangement } from '../src/store/demo.ts';
import { importRegistry } from '../src/store/reference/import.ts';
import { readNhsRegistry } from '../src/store/reference/nhs-registry.ts';
import { createUser, startSession } from '../src/store/users.ts';

const seconds = Number(process.env.CONCORDAT_BENCH_SECONDS ?? 5);
const serverUrl = process.env.CONCORDAT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const connections = 10;

interface Row {
  engine: string;
  scenario: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function prepare(store: Store): Promise<{ token: string; id: string }> {
  await importRegistry(store.db, readNhsRegistry('data/nhs'), { userId: null, label: 'bench' });
  const system = { userId: null, label: 'bench' };
  const user = await createUser(
    store.db,
    {
      email: 'bench@example.nhs.uk',
      name: 'Bench',
      password: randomBytes(12).toString('hex'),
      roles: [{ role: 'commissioner', organisation: 'QUA' }],
    },
    system,
    'bench',
  );
  const { token } = await startSession(store.db, user.id, 'bearer', 1);
  const { id } = await createArrangement(store.db, demoArrangement(), system, 'bench');
  return { token, id };
}

async function run(engine: string, store: Store): Promise<Row[]> {
  process.stderr.write(`${engine}: importing the NHS reference data…\n`);
  const { token, id } = await prepare(store);
  const app = await buildApp({ store });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const rows: Row[] = [];
  const scenarios = [
    {
      scenario: 'registry read (GET /api/organisations?q=dudley)',
      method: 'GET' as const,
      path: '/api/organisations?q=dudley',
    },
    {
      scenario: 'arrangement check (POST …/check?on=2026-08-01)',
      method: 'POST' as const,
      path: `/api/arrangements/${id}/check?on=2026-08-01`,
    },
  ];
  for (const s of scenarios) {
    process.stderr.write(`${engine}: ${s.scenario} for ${seconds} s…\n`);
    const result = await autocannon({
      url: `${address}${s.path}`,
      method: s.method,
      headers: { authorization: `Bearer ${token}` },
      connections,
      duration: seconds,
    });
    rows.push({
      engine,
      scenario: s.scenario,
      requests: result.requests.total,
      perSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
    });
  }
  await app.close();
  await store.close();
  return rows;
}

async function serverReachable(): Promise<boolean> {
  if (serverUrl === 'none') return false;
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const rows: Row[] = [];
rows.push(...(await run('PGlite', await openStore({ dataDir: 'memory://' }))));
if (await serverReachable()) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  rows.push(...(await run('PostgreSQL', await openStore({ databaseUrl: serverUrl, schema }))));
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`drop schema "${schema}" cascade`);
  await client.end();
} else {
  console.log(`PostgreSQL at ${serverUrl} is not reachable: PGlite only.`);
}

console.log(`\nHTTP API on loopback, ${connections} connections, ${seconds} s per run`);
console.log(
  'engine      scenario                                              req/s    p50 ms   p99 ms   errors',
);
for (const r of rows) {
  console.log(
    `${r.engine.padEnd(11)} ${r.scenario.padEnd(53)} ${String(r.perSecond).padStart(6)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`,
  );
}
const pgRead = rows.find((r) => r.engine === 'PostgreSQL' && r.scenario.startsWith('registry'));
if (pgRead) {
  const met = pgRead.perSecond >= 5000 && pgRead.p99 < 20;
  console.log(
    `\nTarget (PostgreSQL reads ≥ 5,000 req/s, p99 < 20 ms): ${met ? 'met' : 'NOT met'} (${pgRead.perSecond} req/s, p99 ${pgRead.p99} ms).`,
  );
}
