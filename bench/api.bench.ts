// The HTTP API under load on loopback: a registry read and an arrangement check, on the
// embedded database (PGlite) and on a PostgreSQL server, side by side. Target from the
// platform brief: reads ≥ 5,000 requests/s with p99 < 20 ms on PostgreSQL.
// CONCORDAT_BENCH_SECONDS (default 5; the brief's figure is 30) sets each run's length;
// CONCORDAT_BENCH_DATABASE_URL (default the local `test` database, `none` to skip) the server.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Options, Result } from 'autocannon';
import pg from 'pg';
import { buildApp } from '../src/api/app.ts';
import { createArrangement } from '../src/store/arrangements.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { demoArrangement } from '../src/store/demo.ts';
import { importRegistry } from '../src/store/reference/import.ts';
import { startSession } from '../src/store/sessions.ts';
import { createUser } from '../src/store/users.ts';
import { readNhsRegistry } from '../src/system/nhs-registry.ts';

/** autocannon's options, plus paths to request in turn (bench/load.ts). */
type Load = Options & { paths?: string[] };

const seconds = Number(process.env.CONCORDAT_BENCH_SECONDS ?? 5);
const serverUrl = process.env.CONCORDAT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const connections = 10;
const warmUpSeconds = 2;

/**
 * The load comes from autocannon in its own process (bench/load.ts), as it would from real
 * clients: run in the server's process it would take half of the server's one event loop.
 */
async function load(options: Load): Promise<Result> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(options));
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as Result;
}

interface Row {
  engine: string;
  scenario: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the server's process per request: unlike req/s, it hardly moves with the machine's load. */
  cpuMicros: number;
  /** CPU time of the local PostgreSQL server's processes per request (PGlite's is in the server's). */
  databaseMicros: number | undefined;
  /** The machine's one-minute load average when the run ended. */
  load: number;
}

// The bench's own connections carry this name, so their server processes can be found.
process.env.PGAPPNAME = 'concordat-bench';

/** The server processes (backends) serving the bench's pool, found by application name. */
async function benchBackends(): Promise<number[]> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'concordat-bench-probe' });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>(
    "select pid from pg_stat_activity where application_name = 'concordat-bench'",
  );
  await client.end();
  return rows.map((r) => r.pid);
}

/** CPU time so far of each of those PostgreSQL backends, in clock ticks of 10 ms, from /proc. */
function backendTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The backend ended (the pool let the connection go).
    }
  }
  return ticks;
}

/**
 * The CPU the backends used between two readings, in µs. A backend that started during the
 * run (the pool reopens connections that idled while the load was starting) counts whole;
 * one that ended during it is left out, so the figure can only err low.
 */
function backendCpuMicros(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks * 10_000;
}
const localServer = /@(127\.0\.0\.1|localhost)[:/]/.test(serverUrl);

async function prepare(store: Store): Promise<{ token: string; id: string; codes: string[] }> {
  await importRegistry(store.db, readNhsRegistry(), { userId: null, label: 'bench' });
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
  const codes = await store.db
    .selectFrom('organisations')
    .select('code')
    .distinct()
    .orderBy('code')
    .execute();
  return { token, id, codes: codes.map((c) => c.code) };
}

async function run(engine: string, store: Store): Promise<Row[]> {
  process.stderr.write(`${engine}: importing the NHS reference data…\n`);
  const { token, id, codes } = await prepare(store);
  // Logging as `npm start` does (one line per request at info), its cost measured too: there pino
  // writes each line to standard output synchronously, so here each goes to /dev/null the same way
  // (a WriteStream would instead hand every line to a worker thread, a cost npm start never pays).
  const sink = openSync('/dev/null', 'w');
  const stream = { write: (line: string) => void writeSync(sink, line) };
  const app = await buildApp({ store, log: { level: 'info', stream } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const rows: Row[] = [];
  const shared = { url, connections, duration: seconds, headers: { authorization: `Bearer ${token}` } };
  const scenarios: { scenario: string; options: Load }[] = [
    {
      // Served from the one-second memo after the first query each second (src/api/short-memo.ts).
      scenario: 'registry read, one search (?q=dudley)',
      options: { ...shared, requests: [{ method: 'GET', path: '/api/organisations?q=dudley' }] },
    },
    {
      // Every ODS code in turn: almost every request reaches the database.
      scenario: `registry read, ${codes.length.toLocaleString('en-GB')} searches in turn`,
      options: {
        ...shared,
        paths: codes.map((c) => `/api/organisations?q=${c}`),
      },
    },
    {
      scenario: 'arrangement check (POST …/check?on=2026-08-01)',
      options: {
        ...shared,
        method: 'POST',
        requests: [{ path: `/api/arrangements/${id}/check?on=2026-08-01` }],
      },
    },
  ];
  for (const s of scenarios) {
    process.stderr.write(`${engine}: ${s.scenario} for ${seconds} s…\n`);
    await load({ ...s.options, duration: warmUpSeconds }); // let the JIT settle first
    const backends = engine === 'PostgreSQL' && localServer ? await benchBackends() : [];
    const cpuBefore = process.cpuUsage();
    const databaseBefore = backends.length ? backendTicks(backends) : undefined;
    const result = await load(s.options);
    const cpu = process.cpuUsage(cpuBefore);
    const databaseAfter = databaseBefore && backendTicks(await benchBackends());
    const requests = Math.max(1, result.requests.total);
    rows.push({
      engine,
      scenario: s.scenario,
      requests: result.requests.total,
      perSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      cpuMicros: Math.round((cpu.user + cpu.system) / requests),
      databaseMicros:
        databaseBefore && databaseAfter
          ? Math.round(backendCpuMicros(databaseBefore, databaseAfter) / requests)
          : undefined,
      load: loadavg()[0] ?? 0,
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

console.log(
  `\nHTTP API on loopback, ${connections} connections, ${seconds} s per run (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
);
console.log(
  'engine      scenario                                              req/s    p50 ms   p99 ms   errors  server CPU µs/req  database CPU µs/req  load',
);
for (const r of rows) {
  const database =
    r.databaseMicros === undefined ? (r.engine === 'PGlite' ? 'in server' : '?') : r.databaseMicros;
  console.log(
    `${r.engine.padEnd(11)} ${r.scenario.padEnd(53)} ${String(r.perSecond).padStart(6)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)} ${String(r.cpuMicros).padStart(18)} ${String(database).padStart(20)} ${r.load.toFixed(1).padStart(5)}`,
  );
}
for (const read of rows.filter((r) => r.engine === 'PostgreSQL' && r.scenario.startsWith('registry'))) {
  const met = read.perSecond >= 5000 && read.p99 < 20;
  console.log(
    `Target for ${read.scenario} (PostgreSQL reads ≥ 5,000 req/s, p99 < 20 ms): ${met ? 'met' : 'NOT met'} (${read.perSecond} req/s, p99 ${read.p99} ms).`,
  );
}
