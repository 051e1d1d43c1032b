import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway ClickHouse cluster on loopback: one `clickhouse-server` process per shard, each
 * with its own ports and data folder, and a `remote_servers` entry naming every shard so a
 * Distributed table can fan a query out. Used by tests, the benchmark and
 * `concordat analyse --engine clickhouse` when no cluster is given. A real deployment runs the
 * same configuration on separate machines (docs/population.md).
 */
export interface ClickHouseCluster {
  readonly name: string;
  /** HTTP URLs, one per shard; the first is where queries are sent. */
  readonly urls: readonly string[];
  /** Process ids of the shard servers (for measuring their memory). */
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

export const clusterName = 'concordat';

export function clickHouseServerBinary(): string {
  return process.env.CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface ShardPorts {
  http: number;
  tcp: number;
  interserver: number;
}

function remoteServersXml(shards: readonly ShardPorts[]): string {
  const entries = shards
    .map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`)
    .join('');
  return `<remote_servers><${clusterName}>${entries}</${clusterName}></remote_servers>`;
}

function serverXml(dir: string, ports: ShardPorts, remote: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  ${remote}
</yandex>
`;
}

const usersXml = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage><load_balancing>in_order</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function waitUntilReady(url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`clickhouse-server exited (${child.exitCode}); see ${dir}/error.log`);
    try {
      const response = await fetch(`${url}/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clickhouse-server did not answer on ${url} within 30 s; see ${dir}/error.log`);
}

export interface LocalClusterOptions {
  /**
   * Runs shard i on core i only (Linux `taskset`), so that on one machine each shard has a core
   * to itself, as it would have machines to itself: the benchmark compares one node on one core
   * with two shards on a core each (docs/population.md).
   */
  pinned?: boolean;
}

/** Starts `shards` server processes in a fresh temporary folder; `stop()` ends them and removes it. */
export async function startLocalCluster(
  shards = 2,
  { pinned = false }: LocalClusterOptions = {},
): Promise<ClickHouseCluster> {
  const root = mkdtempSync(join(tmpdir(), 'concordat-clickhouse-'));
  const ports: ShardPorts[] = [];
  for (let i = 0; i < shards; i++) {
    ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
  }
  const remote = remoteServersXml(ports);
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            // The data folder is thrown away, so there is nothing to flush: do not wait long.
            setTimeout(() => child.kill('SIGKILL'), 1_500).unref();
          }),
      ),
    );
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const [i, p] of ports.entries()) {
      const dir = join(root, `shard${i + 1}`);
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas'])
        mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'config.xml'), serverXml(dir, p, remote));
      writeFileSync(join(dir, 'users.xml'), usersXml);
      const server = [clickHouseServerBinary(), `--config-file=${join(dir, 'config.xml')}`];
      const [command, ...args] = pinned ? ['taskset', '-c', String(i), ...server] : server;
      const child = spawn(command as string, args, { cwd: dir, stdio: 'ignore' });
      children.push(child);
    }
    const urls = ports.map((p) => `http://127.0.0.1:${p.http}`);
    await Promise.all(
      urls.map((url, i) => waitUntilReady(url, children[i] as ChildProcess, join(root, `shard${i + 1}`))),
    );
    return { name: clusterName, urls, pids: children.map((c) => c.pid ?? 0), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
