// Makes a fresh clone runnable: installs dependencies when they are missing or
// older than the lockfile, and builds the web app when its sources are newer than the
// build. With `--test` it also makes sure the Debian packages the tests drive are
// installed (and installs them when it can), so `npm test` never meets a missing browser.
// Plain Node, so it works before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const dryRun = args.has('--dry-run');

if (args.has('--test')) ensureTestPackages();

const installedMarker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(installedMarker) || statSync('package-lock.json').mtimeMs > statSync(installedMarker).mtimeMs;

if (stale && !dryRun) {
  console.error('Concordat: installing dependencies (first run or lockfile changed)…');
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
}

/** The newest modification time of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// The API's OpenAPI document and the client types generated from it (git-ignored), which the
// web app and the API tests compile against: regenerated when the server's code changes.
const apiTypes = 'src/web/openapi.generated.ts';
const apiSources = [
  'src/api',
  'src/core',
  'src/law',
  'src/contracts',
  'src/finance',
  'src/system',
  'src/store',
  'examples',
];
if (!existsSync(apiTypes) || Math.max(...apiSources.map(newest)) > statSync(apiTypes).mtimeMs) {
  console.error('Concordat: generating the API client types from the OpenAPI document…');
  execSync('npx tsx scripts/write-openapi.ts', { stdio: 'inherit' });
}

// The compiled CLI and server (dist/cli, git-ignored), which `npm start` and the CLI run.
if (!dryRun) {
  const { buildCliIfStale } = await import('./build-node.mjs');
  await buildCliIfStale();
}

// The web app's build (dist/web, git-ignored) is what the API server serves at /.
const webBuilt = 'dist/web/index.html';
// The event form is built from the published event schema, so a regenerated schema rebuilds it too.
const webSources = ['src/web', 'src/core', 'src/law', 'docs/contract-event.schema.json', 'package-lock.json'];
const webStale =
  !existsSync(webBuilt) ||
  Math.max(...webSources.map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs))) >
    statSync(webBuilt).mtimeMs;

if (webStale && !dryRun) {
  console.error('Concordat: building the web app (first run or its sources changed)…');
  execSync('npx vite build -c src/web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
}

/**
 * The Debian packages the test suite drives, each with the file that shows it is installed
 * (the same paths the tests use, so an override such as CHROMIUM_PATH is honoured):
 * Chromium for the browser tests, ClickHouse for the population engines' differential test,
 * poppler-utils (pdftotext, pdftoppm) for reading generated board papers back.
 */
function testPackages() {
  return [
    { name: 'chromium', file: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    { name: 'clickhouse-server', file: process.env.CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server' },
    { name: 'poppler-utils', file: '/usr/bin/pdftotext' },
    { name: 'poppler-utils', file: '/usr/bin/pdftoppm' },
  ];
}

/** Installs the missing test packages with apt-get when root; otherwise stops, naming them. */
function ensureTestPackages() {
  const missing = [
    ...new Set(
      testPackages()
        .filter((p) => !existsSync(p.file))
        .map((p) => p.name),
    ),
  ];
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  const hasAptGet = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasAptGet) {
    console.error(
      `Concordat: the tests need ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed.\n` +
        (hasAptGet
          ? `Install with: sudo apt-get update && sudo ${command}`
          : `Install the Debian packages ${missing.join(', ')} (or their equivalents) and run npm test again.`),
    );
    process.exit(1);
  }
  console.error(`Concordat: installing ${missing.join(', ')} from Debian for the tests…`);
  if (dryRun) {
    console.error(`(dry run) would run: apt-get update && ${command}`);
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(command, { stdio: 'inherit', env });
}
